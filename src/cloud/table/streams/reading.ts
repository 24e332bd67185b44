import { AwsServiceError, validationError } from "../../aws-error.ts";
import { shardNotFound, streamNotFound, trimmedError } from "./errors.ts";
import { optionalLimit, optionalString, requiredString, type StreamsInput } from "./input.ts";
import { decodeIterator, encodeIterator } from "./iterator.ts";
import { lastRecord, parseSequence, readFrom, type ShardState } from "./shard.ts";
import type { StreamStore } from "./store.ts";

/** GetRecords returns at most 1 MB of records per call, whatever the Limit. */
const PAGE_BYTES = 1024 * 1024;

const ITERATOR_TYPES = ["TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"] as const;

/**
 * GetShardIterator: positions an iterator on a shard. Messages are DynamoDB Local's.
 *
 * @example
 * getShardIterator(store, { StreamArn, ShardId, ShardIteratorType: "LATEST" }, kernel.nowMs());
 */
export function getShardIterator(
  store: StreamStore,
  input: StreamsInput,
  nowMs: number,
): Record<string, unknown> {
  const sequenceText = optionalString(input, "SequenceNumber");
  if (sequenceText !== undefined) checkSequenceLength(sequenceText);
  // The order of the checks is DynamoDB Local's: with several faults, the first one here is reported.
  const streamArn = requiredString(
    input,
    "StreamArn",
    "One or more parameter values were invalid: streamArn cannot be empty or null.",
  );
  const shardId = requiredString(input, "ShardId", "No ShardId specified.");
  const type = optionalString(input, "ShardIteratorType");
  if (type === undefined || !(ITERATOR_TYPES as readonly string[]).includes(type)) {
    throw validationError("Invalid ShardIteratorType.");
  }
  const stream = store.stream(streamArn);
  if (stream === undefined) throw new AwsServiceError("ResourceNotFoundException", "Stream does not exist");
  const shard = stream.shards.find((s) => s.shardId === shardId);
  if (shard === undefined) throw shardNotFound();
  const fromSequence = startOf(store, shard, type, sequenceText);
  return { ShardIterator: encodeIterator({ streamArn, shardId, fromSequence, issuedAtMs: nowMs }) };
}

function checkSequenceLength(text: string): void {
  const [bound, limit] = text.length < 21 ? ["greater", 21] : text.length > 40 ? ["less", 40] : [];
  if (bound === undefined) return;
  throw validationError(
    `1 validation error detected: Value '${text}' at 'sequenceNumber' failed to satisfy constraint: Member must have length ${bound} than or equal to ${limit}`,
  );
}

function startOf(
  store: StreamStore,
  shard: ShardState,
  type: string,
  sequenceText: string | undefined,
): number {
  if (type === "TRIM_HORIZON" || type === "LATEST") {
    if (sequenceText !== undefined) {
      throw validationError(
        "One or more parameter values were invalid: SequenceNumber should not be passed for this iterator type",
      );
    }
    if (type === "TRIM_HORIZON") return Math.max(shard.startingSequence, shard.trimmedThrough + 1);
    return shard.endingSequence === undefined ? store.nextSequence() : shard.endingSequence + 1;
  }
  const sequence = sequenceText === undefined ? undefined : parseSequence(sequenceText);
  if (sequence === undefined)
    throw validationError("One or more parameter values were invalid: Invalid SequenceNumber");
  if (sequence < shard.startingSequence) throw validationError("Invalid SequenceNumber for the shard");
  if (sequence <= shard.trimmedThrough) throw trimmedError();
  return type === "AT_SEQUENCE_NUMBER" ? sequence : sequence + 1;
}

/**
 * GetRecords: up to `Limit` (default and maximum 1000) records and at most 1 MB from the
 * iterator's position, with the iterator for the next call. A closed shard read to its end returns
 * no `NextShardIterator`, which tells a consumer to move on to the shard's children.
 *
 * @example
 * const { Records, NextShardIterator } = getRecords(store, { ShardIterator, Limit: 100 }, kernel.nowMs());
 */
export function getRecords(store: StreamStore, input: StreamsInput, nowMs: number): Record<string, unknown> {
  const iterator = requiredString(input, "ShardIterator", "Invalid ShardIterator");
  const limit =
    optionalLimit(
      input,
      1000,
      "One or more parameter values were invalid: Limit should be less than or equal to 1000",
    ) ?? 1000;
  const position = decodeIterator(iterator, nowMs);
  const stream = store.stream(position.streamArn);
  if (stream === undefined) throw streamNotFound(position.streamArn);
  const shard = stream.shards.find((s) => s.shardId === position.shardId);
  if (shard === undefined)
    throw new AwsServiceError("ResourceNotFoundException", "Invalid ShardId in ShardIterator");
  if (position.fromSequence <= shard.trimmedThrough) throw trimmedError();
  const records = readFrom(shard, position.fromSequence, limit, PAGE_BYTES);
  const next = records.length === 0 ? position.fromSequence : records.at(-1)!.sequence + 1;
  const last = lastRecord(shard);
  const exhausted = shard.endingSequence !== undefined && (last === undefined || last.sequence < next);
  return {
    // Copies, so that a handler that edits a record cannot change what the next reader sees.
    Records: records.map((stored) => structuredClone(stored.record)),
    ...(exhausted
      ? {}
      : { NextShardIterator: encodeIterator({ ...position, fromSequence: next, issuedAtMs: nowMs }) }),
  };
}
