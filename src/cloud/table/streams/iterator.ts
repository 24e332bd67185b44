import { AwsServiceError, validationError } from "../../aws-error.ts";
import { formatSequence, parseSequence } from "./shard.ts";

/** A shard iterator stays usable for 15 minutes after it is issued (GetShardIterator's docs). */
export const ITERATOR_LIFETIME_MS = 15 * 60 * 1000;

/** What an iterator points at: the next sequence number to read from one shard. */
export interface IteratorPosition {
  readonly streamArn: string;
  readonly shardId: string;
  readonly fromSequence: number;
  readonly issuedAtMs: number;
}

/**
 * Encodes an iterator in the layout DynamoDB Local uses, `<streamArn>|001|<base64 of
 * shardId|sequence|issued ms>`. Callers must treat it as opaque; only this module reads it.
 *
 * @example
 * const iterator = encodeIterator({ streamArn, shardId, fromSequence: 1, issuedAtMs: kernel.nowMs() });
 */
export function encodeIterator(position: IteratorPosition): string {
  const inner = `${position.shardId}|${formatSequence(position.fromSequence)}|${String(position.issuedAtMs).padStart(30, "0")}`;
  return `${position.streamArn}|001|${Buffer.from(inner, "utf8").toString("base64")}`;
}

/**
 * Decodes an iterator and checks its age, throwing `ValidationException: Invalid ShardIterator`
 * (DynamoDB Local's answer to garbage) or `ExpiredIteratorException`.
 *
 * @example
 * const { shardId, fromSequence } = decodeIterator(input.ShardIterator, kernel.nowMs());
 */
export function decodeIterator(iterator: string, nowMs: number): IteratorPosition {
  const parts = iterator.split("|");
  const inner =
    parts.length === 3 && parts[1] === "001" ? Buffer.from(parts[2]!, "base64").toString("utf8") : "";
  const [shardId, sequenceText, issuedText, ...rest] = inner.split("|");
  const fromSequence = sequenceText === undefined ? undefined : parseSequence(sequenceText);
  const issuedAtMs = issuedText === undefined || !/^\d+$/.test(issuedText) ? undefined : Number(issuedText);
  if (shardId === undefined || fromSequence === undefined || issuedAtMs === undefined || rest.length > 0) {
    throw validationError("Invalid ShardIterator");
  }
  if (nowMs - issuedAtMs > ITERATOR_LIFETIME_MS) throw expiredError(issuedAtMs, nowMs);
  return { streamArn: parts[0]!, shardId, fromSequence, issuedAtMs };
}

/**
 * DynamoDB Local cannot show this error (its iterators also live 15 minutes of wall time), so the
 * message follows the one the Kinesis-family backend of DynamoDB Streams gives, with the 15-minute
 * tolerance; treat its wording as unverified.
 */
function expiredError(issuedAtMs: number, nowMs: number): AwsServiceError {
  return new AwsServiceError(
    "ExpiredIteratorException",
    `Iterator expired. The iterator was created at time ${javaDate(issuedAtMs)} while right now it is ${javaDate(nowMs)} which is further in the future than the tolerated delay of ${ITERATOR_LIFETIME_MS} milliseconds.`,
  );
}

/** `Wed Mar 04 01:02:40 UTC 2020`, the way a Java service prints a date. */
function javaDate(ms: number): string {
  const [weekday, day, month, year, time] = new Date(ms).toUTCString().replace(",", "").split(" ");
  return `${weekday} ${month} ${day} ${time} UTC ${year}`;
}
