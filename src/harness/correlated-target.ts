import { SquallError } from "../core/errors.ts";
import type {
  DocumentItem,
  InvokeOptions,
  InvokeResult,
  PublishOptions,
  SendMessageOptions,
  Target,
} from "../targets/target.ts";
import {
  type ColdStartInvokeOptions,
  type ColdStartInvokeResult,
  invokeWithColdStartCompensation,
} from "./invoke.ts";

/** Options of {@link correlate}. Use the same names the target looks for ids under. */
export interface CorrelateOptions {
  /** Ids are `<prefix>-<n>`, n counting from 1 per target. Default `corr`. */
  readonly prefix?: string;
  /** Makes the n-th id instead (n counts from 1 per target); must be deterministic. */
  readonly idFor?: (n: number) => string;
  /** The SQS / SNS message attribute that carries the id. Default `correlationId`. */
  readonly messageAttribute?: string;
  /** The payload field (or EventBridge `detail` field, or item attribute). Default `correlationId`. */
  readonly field?: string;
}

/** Per call: the id to use instead of the next one. */
export interface WithCorrelationId {
  readonly correlationId?: string;
}

/** A target's send, publish, invoke and putItem that stamp each event with a correlation id. */
export interface CorrelatedSender {
  readonly target: Target;
  /** Every id this sender used, in order: what load-time choreography checks iterate over. */
  readonly ids: readonly string[];
  /** Draws the next id without sending anything (for events sent some other way). */
  nextId(): string;
  /** SendMessage with the id as a string message attribute. */
  send(
    queue: string,
    body: string,
    options?: SendMessageOptions & WithCorrelationId,
  ): Promise<{ correlationId: string; messageId: string }>;
  /** Publish with the id as a string message attribute. */
  publish(
    topic: string,
    message: string,
    options?: PublishOptions & WithCorrelationId,
  ): Promise<{ correlationId: string; messageId: string }>;
  /**
   * Invoke with the id as a top-level field of the event, or of `detail` for EventBridge events.
   * With `compensateColdStart`, the seed's cold-start-proof invoke: a DryRun, the invocation retried
   * while Lambda says "not yet", and the correlation id confirmed in the function's logs.
   */
  invoke(
    fn: string,
    event: object,
    options?: InvokeOptions & WithCorrelationId & { compensateColdStart?: boolean | ColdStartInvokeOptions },
  ): Promise<InvokeResult & { correlationId: string } & Partial<ColdStartInvokeResult>>;
  /** PutItem with the id as an attribute of the item. */
  putItem(table: string, item: DocumentItem, options?: WithCorrelationId): Promise<{ correlationId: string }>;
}

// Per target, so two senders on one target never hand out the same id.
const counters = new WeakMap<Target, number>();

/**
 * Wraps a target so that every event the test sends carries a correlation id: a message
 * attribute for SQS and SNS, a field of the payload for direct invokes (of `detail` for
 * EventBridge-shaped events) and of items. Ids are deterministic — `corr-1`, `corr-2`, … per
 * target — and a call may name its own. Each call resolves with the id it used; the target's
 * hops record it, for {@link expectCorrelation} and {@link expectChoreography} to follow.
 *
 * @example
 * const orders = correlate(target);
 * const { correlationId } = await orders.send("Orders", JSON.stringify({ orderId: "o-1" }));
 * await target.settle();
 * await expectChoreography(target, "Orders → reserveStock → Inventory stream", { correlationId });
 */
export function correlate(target: Target, options: CorrelateOptions = {}): CorrelatedSender {
  const attribute = options.messageAttribute ?? "correlationId";
  const field = options.field ?? "correlationId";
  const prefix = options.prefix ?? "corr";
  const idFor = options.idFor ?? ((n: number) => `${prefix}-${n}`);
  const ids: string[] = [];
  const use = (id: string) => {
    ids.push(id);
    return id;
  };
  const nextId = () => {
    const n = (counters.get(target) ?? 0) + 1;
    counters.set(target, n);
    return idFor(n);
  };
  const pick = (op: string, given: string | undefined, present: unknown) =>
    use(chooseId(op, given, present, nextId));
  return {
    target,
    ids,
    nextId: () => use(nextId()),
    async send(queue, body, { correlationId, ...rest } = {}) {
      const id = pick(`send("${queue}")`, correlationId, rest.attributes?.[attribute]);
      const sent = await target.sendMessage(queue, body, {
        ...rest,
        attributes: { ...rest.attributes, [attribute]: id },
      });
      return { correlationId: id, messageId: sent.messageId };
    },
    async publish(topic, message, { correlationId, ...rest } = {}) {
      const id = pick(`publish("${topic}")`, correlationId, rest.attributes?.[attribute]);
      const sent = await target.publish(topic, message, {
        ...rest,
        attributes: { ...rest.attributes, [attribute]: id },
      });
      return { correlationId: id, messageId: sent.messageId };
    },
    async invoke(fn, event, { correlationId, compensateColdStart, ...rest } = {}) {
      const op = `invoke("${fn}")`;
      const into = carrierOf(op, event);
      const id = pick(op, correlationId, into[field]);
      const stamped =
        into === event ? { ...into, [field]: id } : { ...event, detail: { ...into, [field]: id } };
      if (compensateColdStart === undefined || compensateColdStart === false)
        return { ...(await target.invoke(fn, stamped, rest)), correlationId: id };
      const coldStart = compensateColdStart === true ? {} : compensateColdStart;
      const result = await invokeWithColdStartCompensation(target, fn, stamped, {
        confirmInLogs: id,
        ...coldStart,
      });
      return { ...result, correlationId: id };
    },
    async putItem(table, item, { correlationId } = {}) {
      const id = pick(`putItem("${table}")`, correlationId, item[field]);
      await target.putItem(table, { ...item, [field]: id });
      return { correlationId: id };
    },
  };
}

// An id already in the event is the test's own choice; only a contradicting one is a mistake.
function chooseId(op: string, given: string | undefined, present: unknown, next: () => string): string {
  if (present !== undefined && typeof present !== "string")
    throw new SquallError(
      `correlate(…).${op}: the event already holds a correlation id that is not a string`,
    );
  if (given !== undefined && present !== undefined && given !== present)
    throw new SquallError(
      `correlate(…).${op}: the event already carries correlation id "${present}" but the call asks for "${given}"; pass one of them`,
    );
  return given ?? present ?? next();
}

// EventBridge events keep their data in `detail`; a field beside `detail-type` would be lost
// when the event is put on a bus, so the id goes where a rule's target will see it.
function carrierOf(op: string, event: object): Record<string, unknown> {
  if (Array.isArray(event) || event === null || typeof event !== "object")
    throw new SquallError(
      `correlate(…).${op}: the event must be a JSON object to carry a correlation id; wrap it in one, or use target.invoke directly`,
    );
  const record = event as Record<string, unknown>;
  const detail = record.detail;
  const isEventBridge = typeof record["detail-type"] === "string" && typeof detail === "object";
  return isEventBridge && detail !== null && !Array.isArray(detail)
    ? (detail as Record<string, unknown>)
    : record;
}
