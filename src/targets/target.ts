import type { App } from "../app/model.ts";

/** A DynamoDB item as the DocumentClient shows it: plain JavaScript values. */
export type DocumentItem = Record<string, unknown>;

/** Options of {@link Target.sendMessage}, as SQS's SendMessage takes them. */
export interface SendMessageOptions {
  /** String message attributes. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Required on FIFO queues. */
  readonly messageGroupId?: string;
  /** FIFO queues without content-based deduplication need one. */
  readonly messageDeduplicationId?: string;
  readonly delaySeconds?: number;
}

/** Options of {@link Target.publish}, as SNS's Publish takes them. */
export interface PublishOptions {
  /** String message attributes (what filter policies on attributes see). */
  readonly attributes?: Readonly<Record<string, string>>;
  readonly subject?: string;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
}

/** Options of {@link Target.invoke}. */
export interface InvokeOptions {
  /** Default `RequestResponse`. */
  readonly invocationType?: "RequestResponse" | "DryRun";
}

/** How a synchronous invocation ended. */
export interface InvokeResult {
  readonly requestId: string;
  /** The handler's result (parsed JSON), or Lambda's error payload when `error` is set. */
  readonly payload: unknown;
  /** `Unhandled` when the handler threw or timed out, as Lambda's FunctionError says. */
  readonly error?: string;
}

/** One change of a table as its stream recorded it, with images as plain JavaScript values. */
export interface TableChange {
  readonly eventName: "INSERT" | "MODIFY" | "REMOVE";
  readonly keys: DocumentItem;
  readonly newImage?: DocumentItem;
  readonly oldImage?: DocumentItem;
}

/**
 * What a hop did: an action on a resource (`send` to a queue, `publish` to a topic, `write` to a
 * table, `invoke` of a function through Lambda's Invoke API), SNS's `deliver`y of a notification
 * to a subscribed queue, or an `invocation` of a function by its trigger.
 */
export type HopKind = "send" | "publish" | "write" | "invoke" | "deliver" | "invocation";

/**
 * One step of a choreography as the target observed it: an edge from a node to a node, where a
 * node is a logical resource or function name, or `test` for the harness itself.
 *
 * - `send` / `publish` / `write` / `invoke`: `from` is the acting function (or `test`), `to` the
 *   queue, topic, table or function.
 * - `deliver`: `from` is a topic, `to` the subscribed queue.
 * - `invocation`: `from` is what triggered it (the queue, the table whose stream it reads, the
 *   topic, or the caller of Invoke), `to` the function; `via` says which.
 *
 * @example
 * { id: "s3", kind: "invocation", from: "Orders", to: "reserveStock", via: "sqs", causes: ["s2"], correlationIds: ["c-1"], … }
 */
export interface Hop {
  /** Unique within the run; `causes` refer to it. */
  readonly id: string;
  readonly kind: HopKind;
  readonly from: string;
  readonly to: string;
  /** Invocations only: `sqs`, `dynamodb-stream`, `sns`, `invoke` or `destination`. */
  readonly via?: string;
  /** ms since the epoch: virtual on `sim`, wall time elsewhere. */
  readonly startMs: number;
  readonly endMs: number | undefined;
  readonly status: "ok" | "error" | "open";
  readonly error?: string;
  /**
   * The hops that caused this one: for an action, the invocation it ran in; for an invocation,
   * the actions whose messages, records or notifications it received; for a delivery, the publish.
   */
  readonly causes: readonly string[];
  /**
   * Correlation ids carried: for an action, those in what it sent or wrote; for an invocation,
   * those in the event it received. Empty when none was found.
   */
  readonly correlationIds: readonly string[];
  /** Invocations only: Lambda's request id, the attempt number (1 = first delivery) and whether it was cold. */
  readonly requestId?: string;
  readonly attempt?: number;
  readonly coldStart?: boolean;
  /** The first hop of the causal chain this hop belongs to, as X-Ray's root trace id. */
  readonly traceId: string;
}

/** Where Squall looks for correlation ids in what is sent, written and invoked. */
export interface CorrelationOptions {
  /** The SQS / SNS message attribute. Default `correlationId`. */
  readonly messageAttribute?: string;
  /** The top-level field of a direct invocation's payload, an EventBridge event's detail, and a table item. Default `correlationId`. */
  readonly field?: string;
}

/** One line a function logged, with where it came from. */
export interface LogEntry {
  readonly functionName: string;
  readonly requestId: string | undefined;
  /** ms since the epoch: virtual time on `sim`, wall time elsewhere. */
  readonly timestampMs: number;
  readonly message: string;
}

/** Which log lines {@link Target.logs} returns; every given field must match. */
export interface LogQuery {
  /** Logical function name. */
  readonly functionName?: string;
  readonly requestId?: string;
  /** Text the line contains, such as a correlation id. */
  readonly contains?: string;
}

/** What happened in a run, counted. */
export interface TargetStats {
  readonly invocations: number;
  readonly coldStarts: number;
  /** Invocations that failed (errors and timeouts). */
  readonly errors: number;
  readonly throttles: number;
  /** Deliveries beyond the first: SQS redeliveries, async-invoke and stream retries. */
  readonly retries: number;
  /** Messages a standard queue delivered again although they had been delivered. */
  readonly duplicates: number;
}

/**
 * Where a scenario runs: the simulation (`sim`), real-protocol servers on this machine
 * (`local`), or an ephemeral stack in an AWS account (`aws`). The harness talks only to this
 * interface, so a scenario never changes when its target does. Resources are named by their
 * logical names in the app; each target maps them to its physical names.
 *
 * @example
 * await using target = await simulate(app, { seed: 7 });
 * await target.sendMessage("Orders", JSON.stringify({ orderId: "o-1", sku: "A", qty: 1 }));
 * await target.settle();
 * expect(await target.getItem("Reservations", { orderId: "o-1" })).toBeDefined();
 */
export interface Target extends AsyncDisposable {
  readonly kind: "sim" | "local" | "aws";
  readonly app: App;
  /** The physical name of a table, queue, topic or function of the app. */
  physicalName(logical: string): string;
  sendMessage(queue: string, body: string, options?: SendMessageOptions): Promise<{ messageId: string }>;
  publish(topic: string, message: string, options?: PublishOptions): Promise<{ messageId: string }>;
  putItem(table: string, item: DocumentItem): Promise<void>;
  getItem(table: string, key: DocumentItem): Promise<DocumentItem | undefined>;
  /** Every item of a table (all pages). */
  scan(table: string): Promise<DocumentItem[]>;
  /**
   * Every change of a table still in its stream (24 h), oldest first: what invariants that must
   * hold at every step, not only at the end, are checked against. The table must have a stream.
   */
  tableChanges(table: string): Promise<TableChange[]>;
  /**
   * Invokes a function with a JSON event: synchronously (RequestResponse, the default), or a
   * `DryRun` that only checks that the function exists and may be invoked.
   */
  invoke(fn: string, event: unknown, options?: InvokeOptions): Promise<InvokeResult>;
  /**
   * Lets the system run until nothing is left to do: every message consumed or dead-lettered,
   * every stream record processed, every retry done. On `sim` this is exact; real targets wait
   * for quiescence within `timeoutMs`.
   */
  settle(options?: { timeoutMs?: number }): Promise<void>;
  /** The target's clock, in ms since the epoch: virtual on `sim`, the wall clock elsewhere. */
  nowMs(): number;
  /** Lets `ms` of time pass (virtual on `sim`), running what falls due. */
  advance(ms: number): Promise<void>;
  logs(query?: LogQuery): Promise<LogEntry[]>;
  /**
   * Every hop of the run so far, in start order: what correlation and choreography checks read.
   * Ids are found where {@link CorrelationOptions} says (set when the target is created).
   */
  hops(): Promise<Hop[]>;
  stats(): Promise<TargetStats>;
  /** Releases everything the target holds (patched globals, servers, stacks). */
  dispose(): Promise<void>;
}
