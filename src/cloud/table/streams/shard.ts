import type { RecordOrigin, ShardRecord } from "./shard-record.ts";

/** Sequence numbers are zero-padded to 21 digits, as DynamoDB Local and the service print them. */
export const SEQUENCE_DIGITS = 21;

/** A shard of a stream: an append-only log of records, trimmed from the front by retention. */
export interface ShardState {
  readonly shardId: string;
  /** The sequence number the shard's first record got or will get. */
  readonly startingSequence: number;
  /** Set when the shard is closed (its stream disabled or its table deleted). */
  endingSequence?: number;
  /**
   * Records in sequence order; the oldest are trimmed away after the retention period (those up
   * to `trimmedThrough` may still be here for a while: read through {@link readFrom}).
   */
  records: ShardRecord[];
  /** The highest sequence number trimmed away so far; 0 when nothing was trimmed. */
  trimmedThrough: number;
  /** What the shard's records share. */
  readonly origin: RecordOrigin;
}

/**
 * Formats a sequence number the way DynamoDB Streams does (21 digits, zero-padded).
 *
 * @example
 * formatSequence(3); // "000000000000000000003"
 */
export function formatSequence(sequence: number): string {
  return String(sequence).padStart(SEQUENCE_DIGITS, "0");
}

/**
 * Parses a sequence number given by a caller; numbers beyond any we could have issued are
 * clamped to `Number.MAX_SAFE_INTEGER` (they simply point past the end of every shard).
 *
 * @example
 * parseSequence("000000000000000000003"); // 3
 */
export function parseSequence(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/**
 * Drops the records made at or before `cutoffMs`, remembering how far the shard was trimmed.
 * Trimmed records leave the array in batches (once they are an eighth of it, and at least 1,024):
 * copying the rest on every trim made a day-long stream cost a copy of the whole shard per record.
 * Readers start after `trimmedThrough`, so they never see the ones still waiting to go.
 */
export function trimShard(shard: ShardState, cutoffMs: number): void {
  const { records } = shard;
  const first = liveStart(shard);
  let keep = first;
  while (keep < records.length && records[keep]!.atMs <= cutoffMs) keep++;
  if (keep === first) return;
  shard.trimmedThrough = records[keep - 1]!.sequence;
  if (keep >= 1024 && keep * 8 >= records.length) shard.records = records.slice(keep);
}

/** The shard's newest record, if retention has not trimmed it. */
export function lastRecord(shard: ShardState): ShardRecord | undefined {
  const last = shard.records.at(-1);
  return last !== undefined && last.sequence > shard.trimmedThrough ? last : undefined;
}

/** Index of the first record at or after `fromSequence` (binary search: records are in order). */
function indexOf(shard: ShardState, fromSequence: number): number {
  let low = 0;
  let high = shard.records.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (shard.records[mid]!.sequence < fromSequence) low = mid + 1;
    else high = mid;
  }
  return low;
}

function liveStart(shard: ShardState): number {
  return shard.trimmedThrough === 0 ? 0 : indexOf(shard, shard.trimmedThrough + 1);
}

/**
 * Reads up to `limit` records with sequence numbers at or after `fromSequence`, stopping early
 * once `maxBytes` of `SizeBytes` have been returned (GetRecords' 1 MB page; at least one record).
 */
export function readFrom(
  shard: ShardState,
  fromSequence: number,
  limit: number,
  maxBytes = Number.POSITIVE_INFINITY,
): ShardRecord[] {
  const out: ShardRecord[] = [];
  let bytes = 0;
  // Never before the trimmed ones, which may still be in the array.
  for (
    let i = indexOf(shard, Math.max(fromSequence, shard.trimmedThrough + 1));
    i < shard.records.length && out.length < limit;
    i++
  ) {
    const stored = shard.records[i]!;
    bytes += stored.sizeBytes;
    if (out.length > 0 && bytes > maxBytes) break;
    out.push(stored);
  }
  return out;
}

/**
 * Picks the shard for a record: FNV-1a over the partition key's type and value, so every record of
 * one key (indeed of one item collection) lands on the same shard, in order, as it does in
 * DynamoDB where a shard follows a partition.
 */
export function shardIndexFor(partitionKeyText: string, shardCount: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < partitionKeyText.length; i++) {
    hash ^= partitionKeyText.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shardCount;
}

/** `shardId-<20-digit creation ms>-<8 hex>` as DynamoDB names shards; the hex is a hash, not random. */
export function shardIdFor(streamArn: string, createdAtMs: number, index: number): string {
  const hex = shardIndexFor(`${streamArn}#${index}`, 0x1_0000_0000).toString(16).padStart(8, "0");
  return `shardId-${String(createdAtMs).padStart(20, "0")}-${hex}`;
}
