/**
 * How a function's response to a batch reads under `ReportBatchItemFailures`: `all-succeeded`,
 * the identifiers that failed, or `invalid` — which Lambda treats as a failure of the whole batch.
 *
 * @example
 * if (verdict.kind === "partial") retry(verdict.failedIds);
 */
export type BatchVerdict =
  | { readonly kind: "all-succeeded" }
  | { readonly kind: "partial"; readonly failedIds: readonly string[] }
  | { readonly kind: "invalid"; readonly reason: string };

/**
 * Reads a partial batch response as AWS documents it: a null or empty response, or a null or empty
 * `batchItemFailures`, means every item succeeded; an entry whose `itemIdentifier` is missing,
 * empty, not a string, or names no item of the batch fails the whole batch.
 *
 * @example
 * readBatchResponse({ batchItemFailures: [{ itemIdentifier: "m-2" }] }, new Set(["m-1", "m-2"]));
 * // { kind: "partial", failedIds: ["m-2"] }
 */
export function readBatchResponse(result: unknown, itemIds: ReadonlySet<string>): BatchVerdict {
  if (result === null || result === undefined || typeof result !== "object") return { kind: "all-succeeded" };
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return { kind: "all-succeeded" };
  if (!Array.isArray(failures)) return { kind: "invalid", reason: "batchItemFailures is not a list" };
  const failedIds: string[] = [];
  for (const entry of failures as unknown[]) {
    const id =
      typeof entry === "object" && entry !== null
        ? (entry as { itemIdentifier?: unknown }).itemIdentifier
        : undefined;
    if (typeof id !== "string" || id === "")
      return { kind: "invalid", reason: "an entry has no non-empty string itemIdentifier" };
    if (!itemIds.has(id))
      return { kind: "invalid", reason: `itemIdentifier ${id} names no item of the batch` };
    if (!failedIds.includes(id)) failedIds.push(id);
  }
  return failedIds.length === 0 ? { kind: "all-succeeded" } : { kind: "partial", failedIds };
}
