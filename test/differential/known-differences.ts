/**
 * Where DynamoDB Local is known to answer differently from the real DynamoDB service. The
 * simulation follows the real service, so at these points a difference from DynamoDB Local is
 * expected; each entry says what differs and the evidence for the real service's behaviour. A
 * difference is only tolerated when DynamoDB Local's side and the other side both match exactly.
 *
 * Add an entry only with evidence (an AWS document, a response captured from AWS, or a public
 * report of one); without it, the difference is a bug to fix, not to tolerate.
 */
import {
  asError,
  cancellationReasons,
  type KnownLocalDeviation,
  messageDeviation,
} from "./known-difference-matchers.ts";
import { indexKeyDeviations } from "./known-differences-index-keys.ts";
import { differsOnlyInNumberText, repeatsKeyOnlyByValue } from "./known-differences-numbers.ts";
import { transactionKeyDeviations } from "./known-differences-transaction-keys.ts";
import { transactionDeviations } from "./known-differences-transactions.ts";
import type { Step } from "./model/operations.ts";
import type { TableSchema } from "./model/schema.ts";

const INDEX_MISMATCH =
  /^One or more parameter values were invalid: Type mismatch for Index Key \S+ Expected: [SNB] Actual: \S+ IndexName: \S+$/;

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
  messageDeviation(
    "batch-write-missing-key",
    "AWS answers a BatchWriteItem PutRequest whose item lacks a key attribute with 'The provided key " +
      "element does not match the schema' (captured in us-east-1 and eu-west-2 in " +
      "paritysuite/dynamodb-conformance tests/tier3/error-messages/batchWriteItem.test.ts, " +
      "'item without the partition key'); see src/cloud/table/item-input.ts",
    "ValidationException",
    ["One of the required keys was not given a value"],
    /^The provided key element does not match the schema$/,
    ["BatchWriteItem"],
  ),
  {
    id: "number-text-untrimmed",
    evidence:
      "AWS: 'Leading and trailing zeroes are trimmed' (https://docs.aws.amazon.com/amazondynamodb/latest/" +
      "developerguide/HowItWorks.NamingRulesDataTypes.html); DynamoDB Local keeps the text as sent in " +
      "UpdateExpression values, nested numbers of transaction Puts and UpdateItem stream Keys (probe " +
      "described in known-differences-numbers.ts)",
    matches: (_step, local, other) => differsOnlyInNumberText(local, other),
  },
  {
    id: "batch-get-repeated-key-by-value",
    evidence:
      "Numbers are values: 'Leading and trailing zeroes are trimmed' (https://docs.aws.amazon.com/" +
      "amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html), so {N:'1.0'} and " +
      "{N:'1'} name one item, and AWS refuses a BatchGetItem naming an item twice with 'Provided list " +
      "of item keys contains duplicates' (captured against AWS in paritysuite/dynamodb-conformance " +
      "tests/tier3/error-messages/batchGetItem.test.ts). DynamoDB Local compares the key text and " +
      "returns the item twice",
    matches: (step, local, other) =>
      step?.operation === "BatchGetItem" &&
      asError(local) === undefined &&
      asError(other)?.message === "Provided list of item keys contains duplicates" &&
      repeatsKeyOnlyByValue(step.input),
  },
  {
    id: "batch-get-repeated-key-by-value-before-key-check",
    evidence:
      "As batch-get-repeated-key-by-value: AWS compares numbers by value, so {N:'1.0'} and {N:'1'} " +
      "repeat a key; DynamoDB Local checks repeated keys before the key schema (probe: [a, a, mistyped] " +
      "is refused as a repeat) but compares the text, so it reaches a later key's schema error instead",
    matches: (step, local, other) =>
      step?.operation === "BatchGetItem" &&
      [
        "The number of conditions on the keys is invalid",
        "One or more parameter values were invalid: Type mismatch for key",
      ].includes(asError(local)?.message ?? "") &&
      asError(other)?.message === "Provided list of item keys contains duplicates" &&
      repeatsKeyOnlyByValue(step.input),
  },
  messageDeviation(
    "put-item-key-messages",
    "AWS names the key attribute in PutItem's key errors: 'One or more parameter values were invalid: " +
      "Missing the key pk in the item' and '... Type mismatch for key pk expected: S actual: N' " +
      "(the latter captured from AWS eu-west-2 in paritysuite/dynamodb-conformance " +
      "tests/tier3/error-messages/transactWriteItems.test.ts as 'the PutItem-style string'); see " +
      "src/cloud/table/keys.ts checkKeyInItem",
    "ValidationException",
    [
      "One of the required keys was not given a value",
      "One or more parameter values were invalid: Type mismatch for key",
    ],
    /^One or more parameter values were invalid: (Missing the key \S+ in the item|Type mismatch for key \S+ expected: [SNB] actual: \S+)$/,
    // A transaction's Put checks its item with the same PutItem wording (Local: the same terse form).
    ["PutItem", "TransactWriteItems"],
  ),
  messageDeviation(
    "create-table-exists-message",
    "AWS names the table: 'ResourceInUseException: Table already exists: <name>' (reported from AWS in " +
      "joshsymonds/Dynamoid#178); 'Cannot create preexisting table' is DynamoDB Local's wording (reported " +
      "from a local setup in cds-snc/sre-bot#284); see src/cloud/table/control.ts",
    "ResourceInUseException",
    ["Cannot create preexisting table"],
    /^Table already exists: \S+$/,
    ["CreateTable"],
  ),
  {
    id: "update-without-expression-updated-values",
    evidence:
      "UpdateExpression is optional and UPDATED_OLD/UPDATED_NEW are valid ReturnValues of UpdateItem " +
      "(https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html); with nothing " +
      "updated there are no updated attributes to return. DynamoDB Local writes the item and then fails " +
      "with InternalFailure ('The request processing has failed because of an unknown error'), a server " +
      "fault, not an answer (probe: the item exists afterwards; without ReturnValues the same call succeeds)",
    matches(step, local, other) {
      if (step?.operation !== "UpdateItem" || step.input.UpdateExpression !== undefined) return false;
      if (!["UPDATED_OLD", "UPDATED_NEW"].includes(String(step.input.ReturnValues))) return false;
      const l = asError(local);
      const succeeded = typeof other === "object" && other !== null && !("error" in other);
      return l?.error === "InternalFailure" && succeeded && !("Attributes" in (other as object));
    },
  },
  {
    id: "index-key-type-unchecked-after-update",
    diverges: true,
    evidence:
      "AWS checks the GSI key types of the item an update produces, also where the value comes from " +
      "ADD or another attribute: mhart/dynalite test/updateItem.js (written against the real service) " +
      "expects 'Type mismatch for Index Key c Expected: S Actual: N IndexName: index…' for 'set d.a = a " +
      "add c :a' and 'set e = c[1], c = a + :a'. DynamoDB Local checks only values written from " +
      "ExpressionAttributeValues and accepts the rest",
    matches(step, local, other) {
      if (asError(local) !== undefined) return false;
      const o = asError(other);
      if (step?.operation === "UpdateItem")
        return o?.error === "ValidationException" && INDEX_MISMATCH.test(o.message);
      if (step?.operation !== "TransactWriteItems") return false;
      const reasons = cancellationReasons(o) ?? [];
      const failed = reasons.filter((r) => r.Code !== "None");
      return (
        failed.length > 0 &&
        failed.every((r) => r.Code === "ValidationError" && INDEX_MISMATCH.test(String(r.Message)))
      );
    },
  },
  ...indexKeyDeviations,
  ...transactionDeviations,
  ...transactionKeyDeviations,
];

/**
 * The known deviation that explains a difference at `step` (undefined: the stream records), if any.
 *
 * @example
 * const deviation = explainedBy(step, localOutcome, simOutcome, diffCase.schema);
 */
export function explainedBy(
  step: Step | undefined,
  local: unknown,
  other: unknown,
  schema: TableSchema,
): KnownLocalDeviation | undefined {
  return knownLocalDeviations.find((deviation) => deviation.matches(step, local, other, schema));
}
