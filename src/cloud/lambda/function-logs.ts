import { flatString } from "../../core/flat-string.ts";
import type { KernelServices } from "../../core/services.ts";
import type { LogStore } from "../logs/log-store.ts";
import type { ExecutionEnvironment } from "./environment.ts";

/**
 * The log lines of one function: each goes to the log store, and, while its invocation runs, to
 * that invocation's own list too (the Invoke API returns it as the log tail).
 *
 * @example
 * const lines = logs.capture(requestId);
 * logs.write(env, requestId, startLine(requestId));
 * logs.endCapture(requestId); // lines holds START
 */
export class FunctionLogs {
  private readonly buffers = new Map<string, string[]>();
  // One string for every line's group, rather than one per line kept in the log store.
  private readonly logGroupName: string;

  constructor(
    private readonly store: LogStore,
    private readonly kernel: KernelServices,
    private readonly functionName: string,
  ) {
    this.logGroupName = `/aws/lambda/${functionName}`;
  }

  /** Starts keeping the lines of `requestId`; returns the list they go into. */
  capture(requestId: string): string[] {
    const lines: string[] = [];
    this.buffers.set(requestId, lines);
    return lines;
  }

  /** Stops keeping the lines of `requestId` (its invocation has ended). */
  endCapture(requestId: string): void {
    this.buffers.delete(requestId);
  }

  /** Writes one line of an environment, under the invocation it belongs to if any. */
  write(env: ExecutionEnvironment, requestId: string | undefined, line: string): void {
    this.store.append({
      functionName: this.functionName,
      logGroupName: this.logGroupName,
      logStreamName: env.logStreamName,
      requestId,
      timestampMs: this.kernel.nowMs(),
      // Kept for up to 200,000 lines: flat, not as the tree of pieces a template builds.
      message: flatString(line),
    });
    if (requestId !== undefined) this.buffers.get(requestId)?.push(line);
  }
}
