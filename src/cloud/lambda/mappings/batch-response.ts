/**
 * What a function's answer to a batch means for its items when the mapping has
 * `ReportBatchItemFailures`: the identifiers that failed, or the whole batch failed. As Lambda
 * documents it: an empty or absent `batchItemFailures` (or a null/empty answer) is full success;
 * an identifier that is empty, null or not in the batch, or an answer that is not of that shape,
 * fails the whole batch.
 *
 * @example partialFailures({ batchItemFailures: [{ itemIdentifier: "m-2" }] }, ["m-1", "m-2"]) // Set { "m-2" }
 */
export function partialFailures(
  result: unknown,
  identifiers: readonly string[],
): ReadonlySet<string> | "all" {
  if (result === null || result === undefined || result === "") return new Set();
  if (typeof result !== "object" || Array.isArray(result)) return "all";
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return "all";
  const known = new Set(identifiers);
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== "string" || id === "" || !known.has(id)) return "all";
    failed.add(id);
  }
  return failed;
}
