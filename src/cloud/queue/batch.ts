import type { BatchResultErrorEntry } from "@aws-sdk/client-sqs";
import { AwsServiceError } from "../aws-error.ts";
import { sqsError } from "./errors.ts";
import { type Input, requiredRecordList } from "./input.ts";
import { LIMITS } from "./model.ts";

const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * The entries of a batch request, checked as SQS checks them before running any: at least one
 * (EmptyBatchRequest), at most 10 (TooManyEntriesInBatchRequest), ids of 1–80 letters, digits,
 * `-` and `_` (InvalidBatchEntryId), all distinct (BatchEntryIdsNotDistinct).
 *
 * @example
 * const entries = readBatchEntries(input, "SendMessageBatchRequestEntry");
 */
export function readBatchEntries(input: Input, entryShape: string): (Input & { Id: string })[] {
  const entries = requiredRecordList(input, "Entries", () =>
    sqsError("EmptyBatchRequest", `There should be at least one ${entryShape} in the request.`),
  );
  if (entries.length > LIMITS.maxBatchEntries) {
    throw sqsError(
      "TooManyEntriesInBatchRequest",
      `Maximum number of entries per request are ${LIMITS.maxBatchEntries}. You have sent ${entries.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = entry.Id;
    if (typeof id !== "string" || !ENTRY_ID.test(id)) {
      throw sqsError(
        "InvalidBatchEntryId",
        "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
      );
    }
    if (seen.has(id)) throw sqsError("BatchEntryIdsNotDistinct", `Id ${id} repeated.`);
    seen.add(id);
  }
  return entries as (Input & { Id: string })[];
}

/**
 * Runs one entry of a batch; an AwsServiceError becomes the entry's Failed result (with the
 * legacy code SQS reports there), anything else propagates.
 *
 * @example
 * const outcome = runEntry(entry.Id, () => deleteMessage(engine, queue, handle));
 */
export function runEntry<T>(id: string, run: () => T): { ok: T } | { failed: BatchResultErrorEntry } {
  try {
    return { ok: run() };
  } catch (error) {
    if (!(error instanceof AwsServiceError)) throw error;
    const legacy = error.fields.queryErrorCode;
    return {
      failed: {
        Id: id,
        SenderFault: error.statusCode < 500,
        Code: typeof legacy === "string" ? legacy : error.code,
        Message: error.message,
      },
    };
  }
}
