/**
 * Where DynamoDB Local is known to answer differently from the real DynamoDB service. The
 * simulation follows the real service, so at these points a difference from DynamoDB Local is
 * expected; each entry says what differs and the evidence for the real service's behaviour. A
 * difference is only tolerated when DynamoDB Local's side and the other side both match exactly.
 *
 * Add an entry only with evidence (an AWS document, a response captured from AWS, or a public
 * report of one); without it, the difference is a bug to fix, not to tolerate.
 */
import type { Step } from "./model/operations.ts";

/** A normalised error outcome, as normalise.ts produces it. */
interface NormalisedError {
  readonly error: string;
  readonly message: string;
}

/** One documented difference between DynamoDB Local and the real service. */
export interface KnownLocalDeviation {
  readonly id: string;
  /** Where the real service's behaviour is shown. */
  readonly evidence: string;
  /** True when `local` (DynamoDB Local's normalised outcome) and `other` show exactly this deviation. */
  matches(step: Step, local: unknown, other: unknown): boolean;
}

function asError(value: unknown): NormalisedError | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { error, message } = value as Record<string, unknown>;
  return typeof error === "string" && typeof message === "string" ? { error, message } : undefined;
}

/** A deviation in the message only: same error name, Local's message one of `localMessages`. */
function messageDeviation(
  id: string,
  evidence: string,
  error: string,
  localMessages: readonly string[],
  realMessage: RegExp,
): KnownLocalDeviation {
  return {
    id,
    evidence,
    matches(_step, local, other) {
      const [l, o] = [asError(local), asError(other)];
      if (l === undefined || o === undefined || l.error !== error || o.error !== error) return false;
      return localMessages.includes(l.message) && realMessage.test(o.message);
    },
  };
}

/** Every known deviation; the differential test tolerates exactly these. */
export const knownLocalDeviations: readonly KnownLocalDeviation[] = [
  messageDeviation(
    "key-argument-mismatch",
    "AWS answers a Key with missing, extra or mistyped attributes with 'The provided key element does " +
      "not match the schema' (captured against AWS in ministackorg/ministack#1432 and nubo-db/dynoxide#97; " +
      "see src/cloud/table/keys.ts)",
    "ValidationException",
    [
      "The number of conditions on the keys is invalid",
      "One or more parameter values were invalid: Type mismatch for key",
    ],
    /^The provided key element does not match the schema$/,
  ),
  messageDeviation(
    "key-condition-missed-element",
    "AWS names the missing key in 'Query condition missed key schema element: <name>' " +
      "(reported from AWS in dynamoose/dynamoose#353; see src/cloud/table/expression/key-condition.ts)",
    "ValidationException",
    ["Query condition missed key schema element"],
    /^Query condition missed key schema element: \S+$/,
  ),
  messageDeviation(
    "idempotent-parameter-mismatch-message",
    "DynamoDB Local's message is 'UnknownError'; AWS's is empty in captured traces (aws/aws-sdk#413; " +
      "see src/cloud/table/idempotency.ts)",
    "IdempotentParameterMismatchException",
    ["UnknownError"],
    /.*/,
  ),
];

/**
 * The known deviation that explains a difference at `step`, if any.
 *
 * @example
 * const deviation = explainedBy(step, localOutcome, simOutcome);
 */
export function explainedBy(step: Step, local: unknown, other: unknown): KnownLocalDeviation | undefined {
  return knownLocalDeviations.find((deviation) => deviation.matches(step, local, other));
}
