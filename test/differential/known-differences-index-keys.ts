/**
 * DynamoDB Local's deviations in how it reports a global secondary index key of the wrong type.
 * The real service names the attribute, both types and the index ("Type mismatch for Index Key g1
 * Expected: S Actual: N IndexName: idx1"), for a scalar of the wrong type and for a non-key type
 * (NULL, BOOL, a list, ...) alike; inside TransactWriteItems the same message is the
 * ValidationError cancellation reason.
 */
import {
  asError,
  cancellationReasons,
  type KnownLocalDeviation,
  messageDeviation,
} from "./known-difference-matchers.ts";

const LOCAL_SHORT = "One or more parameter values were invalid: Type mismatch for Index Key";
const LOCAL_NON_KEY_TYPE = "Invalid attribute value type";
const FULL = (actual: string) =>
  new RegExp(
    `^One or more parameter values were invalid: Type mismatch for Index Key \\S+ Expected: [SNB] Actual: ${actual} IndexName: \\S+$`,
  );
const SCALAR = FULL("[SNB]");
const NON_KEY_TYPE = FULL("(NULL|BOOL|L|M|SS|NS|BS)");

const EVIDENCE =
  "AWS's message names attribute, types and index: mhart/dynalite test/putItem.js, batchWriteItem.js " +
  "and updateItem.js (tests written against the real service) expect 'Type mismatch for Index Key c " +
  "Expected: S Actual: N IndexName: index1'; production errors quoted in public code read 'Type " +
  "mismatch for Index Key gmAlias Expected: S Actual: NULL' and '... webLinkToken Expected: S Actual: " +
  "NULL IndexName: webLinkToken-index'; inside transactions the reason carries the same text " +
  "(captured from AWS eu-west-2 in paritysuite/dynamodb-conformance " +
  "tests/tier3/error-messages/transactIndexKeys.test.ts, Actual: N and Actual: L). DynamoDB Local " +
  "2.x shortens it, and answers a non-key type with 'Invalid attribute value type' (probe: PutItem " +
  "{pk:'a', g:{BOOL:true}} on a table with a GSI on g of type S)";

/** Transaction reasons equal except where Local's ValidationError reason is the short form. */
function reasonsDifferOnlyInIndexMessage(local: unknown, other: unknown): boolean {
  const [l, o] = [asError(local), asError(other)];
  const [lr, or] = [cancellationReasons(l), cancellationReasons(o)];
  if (lr === undefined || or === undefined || l?.message !== o?.message || lr.length !== or.length)
    return false;
  let shortened = false;
  for (const [i, reason] of lr.entries()) {
    const theirs = or[i] ?? {};
    if (JSON.stringify(reason) === JSON.stringify(theirs)) continue;
    const localShort = reason.Code === "ValidationError" && reason.Message === LOCAL_SHORT;
    const otherFull = theirs.Code === "ValidationError" && SCALAR.test(String(theirs.Message));
    if (!localShort || !otherFull) return false;
    shortened = true;
  }
  return shortened;
}

/** Local fails the whole transaction where AWS cancels it over a non-key type in an index key. */
function nonKeyTypeCancelled(local: unknown, other: unknown): boolean {
  const l = asError(local);
  if (l?.error !== "ValidationException" || l.message !== LOCAL_NON_KEY_TYPE) return false;
  const reasons = cancellationReasons(asError(other)) ?? [];
  return reasons.some((r) => r.Code === "ValidationError" && NON_KEY_TYPE.test(String(r.Message)));
}

/** The index-key deviations, for known-differences.ts. */
export const indexKeyDeviations: readonly KnownLocalDeviation[] = [
  messageDeviation(
    "index-key-type-mismatch-message",
    EVIDENCE,
    "ValidationException",
    [LOCAL_SHORT],
    SCALAR,
    ["PutItem", "UpdateItem", "BatchWriteItem"],
  ),
  messageDeviation(
    "index-key-non-key-type-message",
    EVIDENCE,
    "ValidationException",
    [LOCAL_NON_KEY_TYPE],
    NON_KEY_TYPE,
    // UpdateItem too: "SET g = :null" on a GSI key is the production "Actual: NULL" case above.
    ["PutItem", "BatchWriteItem", "UpdateItem"],
  ),
  {
    id: "transaction-index-key-type-mismatch-reason",
    evidence: EVIDENCE,
    matches: (step, local, other) =>
      step?.operation === "TransactWriteItems" && reasonsDifferOnlyInIndexMessage(local, other),
  },
  {
    id: "transaction-index-key-non-key-type",
    evidence: EVIDENCE,
    matches: (step, local, other) =>
      step?.operation === "TransactWriteItems" && nonKeyTypeCancelled(local, other),
  },
];
