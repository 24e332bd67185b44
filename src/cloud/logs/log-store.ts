/** One line in a function's CloudWatch log stream. */
export interface LogEvent {
  readonly functionName: string;
  /** `/aws/lambda/<function>`. */
  readonly logGroupName: string;
  /** The stream of the execution environment that wrote it. */
  readonly logStreamName: string;
  /** The invocation that wrote it; undefined for the init phase. */
  readonly requestId: string | undefined;
  /** Virtual time at which it was written. */
  readonly timestampMs: number;
  /** The line as CloudWatch stores it, without the trailing newline. */
  readonly message: string;
}

/** What {@link LogStore.search} matches; every given field must match. */
export interface LogQuery {
  readonly functionName?: string;
  readonly requestId?: string;
  /** A substring of the message: a correlation id, an order id. */
  readonly text?: string;
}

/** Options of {@link LogStore}. */
export interface LogStoreOptions {
  /**
   * How many events to keep; older ones are dropped first, so memory stays flat in a long run.
   * Default 200,000.
   */
  readonly maxEvents?: number;
}

/**
 * The simulated CloudWatch Logs of a run's functions, searchable by function, request id and text.
 *
 * @example
 * const store = new LogStore();
 * store.search({ functionName: "reserveStock", text: "order-42" }).map((e) => e.message);
 */
export class LogStore {
  /** Events dropped because the store was full. */
  droppedCount = 0;
  // Slots before `start` are dropped events, cleared so that they are freed before compaction.
  private events: (LogEvent | undefined)[] = [];
  private start = 0;
  private readonly maxEvents: number;

  constructor(options: LogStoreOptions = {}) {
    this.maxEvents = options.maxEvents ?? 200_000;
  }

  append(event: LogEvent): void {
    this.events.push(event);
    if (this.events.length - this.start > this.maxEvents) {
      this.events[this.start] = undefined;
      this.start++;
      this.droppedCount++;
      // Compact now and then rather than shifting on every append.
      if (this.start > this.maxEvents / 2) {
        this.events = this.events.slice(this.start);
        this.start = 0;
      }
    }
  }

  /** How many events the store holds now. */
  get size(): number {
    return this.events.length - this.start;
  }

  /** Every retained event, oldest first. */
  all(): LogEvent[] {
    return this.events.slice(this.start) as LogEvent[];
  }

  /** The retained events that match `query`, oldest first. */
  search(query: LogQuery): LogEvent[] {
    return this.all().filter(
      (e) =>
        (query.functionName === undefined || e.functionName === query.functionName) &&
        (query.requestId === undefined || e.requestId === query.requestId) &&
        (query.text === undefined || e.message.includes(query.text)),
    );
  }

  /** The lines one invocation wrote (START … REPORT), as text. */
  invocationText(requestId: string): string {
    return this.search({ requestId })
      .map((e) => `${e.message}\n`)
      .join("");
  }
}
