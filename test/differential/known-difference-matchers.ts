/**
 * Building blocks for the entries of known-differences.ts: the shape of an entry and matchers for
 * the normalised outcomes that normalise.ts produces.
 */
import type { Step } from "./model/operations.ts";
import type { TableSchema } from "./model/schema.ts";

/** A normalised error outcome, as normalise.ts produces it. */
export interface NormalisedError {
  readonly error: string;
  readonly message: string;
  readonly fields?: Record<string, unknown>;
}

/** One documented difference between DynamoDB Local and the real service. */
export interface KnownLocalDeviation {
  readonly id: string;
  /** Where the real service's behaviour is shown. */
  readonly evidence: string;
  /**
   * True when `local` (DynamoDB Local's normalised outcome) and `other` show exactly this
   * deviation; `step` is undefined for the stream records.
   */
  matches(step: Step | undefined, local: unknown, other: unknown, schema: TableSchema): boolean;
  /**
   * True when the deviation leaves the two tables in different states (one side wrote, the other
   * refused): the rest of the case cannot be compared and is skipped.
   */
  readonly diverges?: boolean;
}

/**
 * A normalised outcome as an error, or undefined when it is not one.
 *
 * @example
 * asError({ error: "ValidationException", message: "x" })?.message; // "x"
 */
export function asError(value: unknown): NormalisedError | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { error, message, fields } = value as Record<string, unknown>;
  if (typeof error !== "string" || typeof message !== "string") return undefined;
  const extra =
    typeof fields === "object" && fields !== null ? { fields: fields as Record<string, unknown> } : {};
  return { error, message, ...extra };
}

/** The CancellationReasons of a normalised TransactionCanceledException, or undefined. */
export function cancellationReasons(
  error: NormalisedError | undefined,
): Record<string, unknown>[] | undefined {
  if (error?.error !== "TransactionCanceledException") return undefined;
  const reasons = error.fields?.CancellationReasons;
  return Array.isArray(reasons) ? (reasons as Record<string, unknown>[]) : undefined;
}

/**
 * A deviation in the message only: same error name, Local's message one of `localMessages`, the
 * other side's matching `realMessage`; limited to `operations` when given.
 *
 * @example
 * messageDeviation("id", "evidence", "ValidationException", ["local text"], /^real text$/);
 */
export function messageDeviation(
  id: string,
  evidence: string,
  error: string,
  localMessages: readonly string[],
  realMessage: RegExp,
  operations?: readonly string[],
): KnownLocalDeviation {
  return {
    id,
    evidence,
    matches(step, local, other) {
      if (operations !== undefined && !operations.includes(step?.operation ?? "")) return false;
      const [l, o] = [asError(local), asError(other)];
      if (l === undefined || o === undefined || l.error !== error || o.error !== error) return false;
      return localMessages.includes(l.message) && realMessage.test(o.message);
    },
  };
}
