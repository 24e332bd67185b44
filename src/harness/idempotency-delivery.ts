import type { InvokeResult, LogEntry, Target } from "../targets/target.ts";
import { tokenFrom } from "./events/options.ts";

/** One attempt in flight: the event it delivers now and what its receives answered. */
export interface DeliveryState {
  readonly attempt: number;
  event: unknown;
  receives: number;
  readonly requestIds: string[];
  response?: InvokeResult;
}

/** How rejected deliveries come back. */
export interface DeliveryContext {
  readonly target: Target;
  readonly fn: string;
  readonly redeliveryDelayMs: number;
  readonly maxReceives: number;
  /** The next `ApproximateReceiveCount` of the message (one counter per mode). */
  readonly nextReceiveCount: () => number;
  /** Raises the failure for an attempt that was rejected `maxReceives` times. */
  readonly neverAccepted: (delivery: DeliveryState) => never;
}

interface SqsLikeRecord {
  readonly messageId: string;
  readonly eventSource: string;
  readonly attributes?: Record<string, string>;
}

function sqsRecords(event: unknown): SqsLikeRecord[] | undefined {
  if (typeof event !== "object" || event === null) return undefined;
  const records = (event as { Records?: unknown }).Records;
  if (!Array.isArray(records) || records.length === 0) return undefined;
  const all = records as Partial<SqsLikeRecord>[];
  return all.every((r) => r?.eventSource === "aws:sqs" && typeof r.messageId === "string")
    ? (all as SqsLikeRecord[])
    : undefined;
}

/** A counter of receives starting after the event's own `ApproximateReceiveCount` (1 if none). */
export function receiveCounter(event: unknown): () => number {
  let count = Number(sqsRecords(event)?.[0]?.attributes?.ApproximateReceiveCount ?? 1);
  if (!Number.isSafeInteger(count)) count = 1;
  return () => ++count;
}

/**
 * The event as SQS delivers the same message again: same `messageId` and body, the given
 * `ApproximateReceiveCount`, a new receipt handle — only the messages in `onlyIds` when given
 * (a partial batch response). Events that are not SQS batches come back unchanged.
 *
 * @example
 * redelivered(sqsEvent([{ body: order }]), 2).Records[0].attributes.ApproximateReceiveCount; // "2"
 */
export function redelivered(event: unknown, receiveCount: number, onlyIds?: ReadonlySet<string>): unknown {
  const records = sqsRecords(event);
  if (records === undefined) return event;
  return {
    ...(event as object),
    Records: records
      .filter((r) => onlyIds === undefined || onlyIds.has(r.messageId))
      .map((r) => ({
        ...r,
        receiptHandle: `AQEB${tokenFrom(`${r.messageId}:receipt:${receiveCount}`, 148)}`,
        attributes: { ...r.attributes, ApproximateReceiveCount: String(receiveCount) },
      })),
  };
}

/**
 * Which messages a delivery left undone, so the source would deliver them again: all of them
 * after a function error, the ones a partial batch response names, none otherwise.
 */
export function rejected(result: InvokeResult, event: unknown): "all" | ReadonlySet<string> | undefined {
  if (result.error !== undefined) return "all";
  const failures = (result.payload as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return undefined;
  if (sqsRecords(event) === undefined) return "all";
  return new Set(failures.map((f: { itemIdentifier?: unknown }) => String(f?.itemIdentifier)));
}

/**
 * Delivers the attempts at the same moment; each one rejected comes back after the redelivery
 * delay, with the next receive count, until every attempt was accepted.
 */
export async function deliverTogether(
  ctx: DeliveryContext,
  deliveries: readonly DeliveryState[],
): Promise<void> {
  let pending = deliveries;
  for (;;) {
    const results = await Promise.all(pending.map((d) => ctx.target.invoke(ctx.fn, d.event)));
    const again: { delivery: DeliveryState; which: "all" | ReadonlySet<string> }[] = [];
    results.forEach((result, i) => {
      const delivery = pending[i] as DeliveryState;
      delivery.receives++;
      delivery.requestIds.push(result.requestId);
      delivery.response = result;
      const which = rejected(result, delivery.event);
      if (which !== undefined) again.push({ delivery, which });
    });
    if (again.length === 0) return;
    const exhausted = again.find(({ delivery }) => delivery.receives >= ctx.maxReceives);
    if (exhausted !== undefined) ctx.neverAccepted(exhausted.delivery);
    await ctx.target.advance(ctx.redeliveryDelayMs);
    for (const { delivery, which } of again)
      delivery.event = redelivered(
        delivery.event,
        ctx.nextReceiveCount(),
        which === "all" ? undefined : which,
      );
    pending = again.map(({ delivery }) => delivery);
  }
}

function window(lines: readonly LogEntry[]): [number, number] | undefined {
  const start = lines.find((l) => l.message.startsWith("START"))?.timestampMs;
  const end = lines.find((l) => l.message.startsWith("END"))?.timestampMs;
  return start === undefined || end === undefined ? undefined : [start, end];
}

/**
 * Whether any two of the invocations ran at the same time, from their START and END log lines;
 * `undefined` when a line is missing (logs not delivered yet on a real target).
 */
export async function overlapped(target: Target, fn: string, requestIds: readonly string[]) {
  const windows: [number, number][] = [];
  for (const requestId of requestIds) {
    const w = window(await target.logs({ functionName: fn, requestId }));
    if (w === undefined) return undefined;
    windows.push(w);
  }
  return windows.some(([s1, e1], i) => windows.some(([s2, e2], j) => i !== j && s1 < e2 && s2 < e1));
}
