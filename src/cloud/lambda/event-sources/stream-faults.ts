import { faultDurationMs, faultFires } from "../../../core/fault-draw.ts";
import type { KernelServices } from "../../../core/services.ts";
import { checkFaultKnobs } from "../../fault-knobs.ts";
import type { StoredStreamRecord } from "../../table/streams/types.ts";
import type { InvokeOutcome } from "../invoker.ts";

/**
 * Faults of DynamoDB Streams as a Lambda event source mapping reads them. Each is drawn per
 * mapping from the choice stream as `fault.streams.<kind>.<function>`; a knob left out or 0 draws
 * nothing.
 *
 * @example const faults: StreamFaultOptions = { batchFailureProbability: 0.1, recordDelayMsMax: 5_000 };
 */
export interface StreamFaultOptions {
  /**
   * A batch the function handled fails anyway, as when the invocation's response is lost: its
   * effects landed, and the mapping retries the batch as a failed one (retry attempts, bisection,
   * record age, on-failure destination).
   */
  readonly batchFailureProbability?: number;
  /** A record becomes readable up to this much later than it was written (records stay in order). */
  readonly recordDelayMsMax?: number;
}

/**
 * Checks stream fault knobs; returns those set. SquallError naming a bad one.
 *
 * @example validateStreamFaults({ recordDelayMsMax: 500 }) // { recordDelayMsMax: 500 }
 */
export function validateStreamFaults(faults: StreamFaultOptions): StreamFaultOptions {
  return checkFaultKnobs("DynamoDB Streams", faults, {
    batchFailureProbability: "probability",
    recordDelayMsMax: "ms",
  });
}

/**
 * The batch-failure fault: a successful invocation's outcome turned into a function error, so
 * the mapping treats the batch as failed. Other outcomes are returned as they are, without a draw.
 *
 * @example const outcome = injectBatchFailure(kernel, faults, "project", await invoker.invoke(request));
 */
export function injectBatchFailure(
  kernel: KernelServices,
  faults: StreamFaultOptions,
  functionName: string,
  outcome: InvokeOutcome,
): InvokeOutcome {
  if (outcome.kind !== "success") return outcome;
  if (!faultFires(kernel, "streams.batchFailure", faults.batchFailureProbability, functionName))
    return outcome;
  return {
    kind: "function-error",
    requestId: outcome.requestId,
    errorType: "Squall.InjectedBatchFailure",
    errorMessage: "the batch failed by the fault plan (streams.batchFailureProbability)",
    timedOut: false,
  };
}

/**
 * The record-delay fault of one shard poller: each record, the first time the poller sees it,
 * gets a delay drawn once, and is readable only from its write time plus that delay — and not
 * before the record ahead of it, so a shard's order holds.
 *
 * @example
 * const { records, nextAtMs } = delays.readable(read, kernel.nowMs(), faults.recordDelayMsMax, fn);
 */
export class RecordDelays {
  // Readable-at times by sequence number, of records the poller has seen but not passed.
  private readonly readableAtMs = new Map<number, number>();

  constructor(private readonly kernel: KernelServices) {}

  /**
   * The leading records readable at `nowMs`, and when the first one held back becomes readable.
   * Without the fault (and no delay drawn before) every record is readable, with no draw.
   */
  readable(
    records: StoredStreamRecord[],
    nowMs: number,
    delayMsMax: number | undefined,
    functionName: string,
  ): { records: StoredStreamRecord[]; nextAtMs?: number } {
    if ((delayMsMax === undefined || delayMsMax <= 0) && this.readableAtMs.size === 0) return { records };
    let previousMs = Number.NEGATIVE_INFINITY;
    for (const [i, stored] of records.entries()) {
      const sequence = stored.sequence;
      let atMs = this.readableAtMs.get(sequence);
      if (atMs === undefined) {
        atMs = stored.atMs + faultDurationMs(this.kernel, "streams.recordDelay", delayMsMax, functionName);
        this.readableAtMs.set(sequence, atMs);
      }
      previousMs = Math.max(previousMs, atMs);
      if (previousMs > nowMs) return { records: records.slice(0, i), nextAtMs: previousMs };
    }
    return { records };
  }

  /** Forgets records the poller has passed (processed, given up or trimmed). */
  forget(records: readonly StoredStreamRecord[]): void {
    for (const stored of records) this.readableAtMs.delete(stored.sequence);
  }

  /** Forgets every record (the poller's position was reset). */
  clear(): void {
    this.readableAtMs.clear();
  }
}
