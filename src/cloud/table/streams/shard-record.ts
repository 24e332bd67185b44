import { real } from "../../../core/real.ts";
import type { ItemChange } from "../change.ts";
import { cloneValue } from "../expression/update-values.ts";
import { bytesEqual } from "../value-compare.ts";
import { itemSizeBytes } from "../value-size.ts";
import type { AttributeValue, Item } from "../values.ts";
import { formatSequence } from "./shard.ts";
import type { StoredStreamRecord, StreamRecord, StreamViewType } from "./types.ts";

/** What every record of one shard has in common: kept once per shard rather than once per record. */
export interface RecordOrigin {
  readonly streamArn: string;
  readonly shardId: string;
  readonly region: string;
  readonly viewType: StreamViewType;
  /** The table's key attribute names, partition key first. */
  readonly keyNames: readonly string[];
}

type EventName = StreamRecord["eventName"];

const SERVICE_IDENTITY = { PrincipalId: "dynamodb.amazonaws.com", Type: "Service" } as const;

/**
 * One record of a shard as the store keeps it for the 24 hours of retention: the change's parts
 * (its images shared with the table, its key read from an image when it can be) and the few
 * numbers a record adds, with the AWS-shaped `record` built each time it is read. Keeping the
 * built record (its Date, its sequence text, its three objects, a key object beside the image that
 * already holds the key) cost about twice what the change itself does, for every record of the day.
 *
 * @example
 * const stored = ShardRecord.of(change, origin, 7, eventId);
 * stored.record.dynamodb.SequenceNumber; // "000000000000000000007"
 */
export class ShardRecord implements StoredStreamRecord {
  declare readonly causeSpanId?: string;

  private constructor(
    readonly sequence: number,
    readonly atMs: number,
    private readonly origin: RecordOrigin,
    private readonly eventId: string,
    private readonly eventName: EventName,
    /** The change's key attributes; `undefined` when they are the stored image's own. */
    private readonly keys: Item | undefined,
    private readonly newImage: Item | undefined,
    private readonly oldImage: Item | undefined,
    /** `SizeBytes`: what GetRecords' 1 MB page counts. */
    readonly sizeBytes: number,
    private readonly removedByService: boolean,
  ) {}

  /** The record of `change` with this sequence number and event id, under a shard's `origin`. */
  static of(change: ItemChange, origin: RecordOrigin, sequence: number, eventId: string): ShardRecord {
    // Images are not copied: the engine stores items in canonical copies it never changes (an
    // update writes a new item), so a record shares the versions it shows with the table, and
    // everything that hands a record out (GetRecords, Lambda's event) copies it.
    const { viewType } = origin;
    const withNew = viewType === "NEW_IMAGE" || viewType === "NEW_AND_OLD_IMAGES";
    const withOld = viewType === "OLD_IMAGE" || viewType === "NEW_AND_OLD_IMAGES";
    const newImage = withNew ? change.newImage : undefined;
    const oldImage = withOld ? change.oldImage : undefined;
    const sizeBytes =
      itemSizeBytes(change.keys) +
      (newImage === undefined ? 0 : itemSizeBytes(newImage)) +
      (oldImage === undefined ? 0 : itemSizeBytes(oldImage));
    const eventName: EventName =
      change.oldImage === undefined ? "INSERT" : change.newImage === undefined ? "REMOVE" : "MODIFY";
    const keys = keysInImage(change.keys, newImage ?? oldImage, origin.keyNames) ? undefined : change.keys;
    const stored = new ShardRecord(
      sequence,
      change.atMs,
      origin,
      eventId,
      eventName,
      keys,
      newImage,
      oldImage,
      sizeBytes,
      change.removedByService === true,
    );
    if (change.causeSpanId !== undefined)
      (stored as { causeSpanId?: string }).causeSpanId = change.causeSpanId;
    return stored;
  }

  get shardId(): string {
    return this.origin.shardId;
  }

  get streamArn(): string {
    return this.origin.streamArn;
  }

  /** The record in the shape GetRecords returns; a new object on every read. */
  get record(): StreamRecord {
    const { origin, newImage, oldImage } = this;
    return {
      eventID: this.eventId,
      eventName: this.eventName,
      eventVersion: "1.1",
      eventSource: "aws:dynamodb",
      awsRegion: origin.region,
      dynamodb: {
        // The API reference: "rounded down to the closest second". DynamoDB Local rounds down to
        // the minute instead (it returned 10:26:00.000Z for writes made at 10:26:16); we follow the
        // service. The real constructor: the time is virtual already, and the patched one is a proxy.
        ApproximateCreationDateTime: new real.Date(Math.floor(this.atMs / 1000) * 1000),
        Keys: this.keys ?? keysOf((newImage ?? oldImage) as Item, origin.keyNames),
        ...(newImage === undefined ? {} : { NewImage: newImage }),
        ...(oldImage === undefined ? {} : { OldImage: oldImage }),
        SequenceNumber: formatSequence(this.sequence),
        SizeBytes: this.sizeBytes,
        StreamViewType: origin.viewType,
      },
      ...(this.removedByService ? { userIdentity: { ...SERVICE_IDENTITY } } : {}),
    };
  }

  /** What `JSON.stringify` and loggers show: the fields of {@link StoredStreamRecord}. */
  toJSON(): StoredStreamRecord {
    return {
      record: this.record,
      sequence: this.sequence,
      atMs: this.atMs,
      shardId: this.shardId,
      streamArn: this.streamArn,
      ...(this.causeSpanId === undefined ? {} : { causeSpanId: this.causeSpanId }),
    };
  }
}

/** Whether `keys` are exactly `image`'s key attributes: same names, same order, same spelling. */
function keysInImage(keys: Item, image: Item | undefined, keyNames: readonly string[]): boolean {
  if (image === undefined) return false;
  let i = 0;
  for (const name in keys) {
    if (name !== keyNames[i++]) return false;
    const value = image[name];
    if (value === undefined || !sameKeyValue(value, keys[name]!)) return false;
  }
  return i === keyNames.length;
}

function sameKeyValue(a: AttributeValue, b: AttributeValue): boolean {
  if ("S" in a) return "S" in b && a.S === b.S;
  if ("N" in a) return "N" in b && a.N === b.N;
  return "B" in a && "B" in b && bytesEqual(a.B, b.B);
}

/** The key attributes of an image, as copies: a record's Keys never alias its images. */
function keysOf(image: Item, keyNames: readonly string[]): Item {
  const keys: Item = {};
  for (const name of keyNames) keys[name] = cloneValue(image[name] as AttributeValue);
  return keys;
}
