import { real } from "../../../core/real.ts";
import type { ItemChange } from "../change.ts";
import { itemSizeBytes } from "../value-size.ts";
import type { AttributeValue, Item } from "../values.ts";
import type { StreamRecord, StreamViewType } from "./types.ts";

/** What a record needs beyond the change itself. */
export interface RecordContext {
  readonly viewType: StreamViewType;
  readonly sequenceNumber: string;
  readonly eventId: string;
  readonly region: string;
}

/**
 * Builds the DynamoDB Streams record for one item change: the images the stream's view type asks
 * for, `SizeBytes` over the parts it carries, and the service identity on TTL deletions.
 *
 * @example
 * const record = buildRecord(change, { viewType: "NEW_IMAGE", sequenceNumber, eventId, region });
 */
export function buildRecord(change: ItemChange, context: RecordContext): StreamRecord {
  // Not copied: the engine stores items in canonical copies it never changes (an update writes a
  // new item), so a record can share the versions it shows with the table — a day of records
  // then keeps each version of an item once rather than twice — and everything that hands a
  // record out (GetRecords, Lambda's event) copies it.
  const keys = change.keys;
  const { viewType } = context;
  const withNew = viewType === "NEW_IMAGE" || viewType === "NEW_AND_OLD_IMAGES";
  const withOld = viewType === "OLD_IMAGE" || viewType === "NEW_AND_OLD_IMAGES";
  const newImage = withNew ? change.newImage : undefined;
  const oldImage = withOld ? change.oldImage : undefined;
  const sizeBytes =
    itemSizeBytes(keys) +
    (newImage === undefined ? 0 : itemSizeBytes(newImage)) +
    (oldImage === undefined ? 0 : itemSizeBytes(oldImage));
  return {
    eventID: context.eventId,
    eventName: change.oldImage === undefined ? "INSERT" : change.newImage === undefined ? "REMOVE" : "MODIFY",
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: context.region,
    dynamodb: {
      // The API reference: "rounded down to the closest second". DynamoDB Local rounds down to the
      // minute instead (it returned 10:26:00.000Z for writes made at 10:26:16); we follow the service.
      // The real constructor: the time is virtual already, and the patched one is a proxy.
      ApproximateCreationDateTime: new real.Date(Math.floor(change.atMs / 1000) * 1000),
      Keys: keys,
      ...(newImage === undefined ? {} : { NewImage: newImage }),
      ...(oldImage === undefined ? {} : { OldImage: oldImage }),
      SequenceNumber: context.sequenceNumber,
      SizeBytes: sizeBytes,
      StreamViewType: viewType,
    },
    ...(change.removedByService === true
      ? { userIdentity: { PrincipalId: "dynamodb.amazonaws.com", Type: "Service" } as const }
      : {}),
  };
}

/**
 * A string equal for two key values exactly when they are the same value: type tag plus value
 * (binary as hex). Used to pick a record's shard.
 *
 * @example
 * keyValueText({ S: "a" }); // "S:a"
 */
export function keyValueText(value: AttributeValue | undefined): string {
  if (value === undefined) return "";
  if ("S" in value) return `S:${value.S}`;
  if ("N" in value) return `N:${value.N}`;
  if ("B" in value) return `B:${Array.from(value.B, (b) => b.toString(16).padStart(2, "0")).join("")}`;
  return JSON.stringify(value);
}

/** The partition key's value of an item's keys under a key schema, as {@link keyValueText}. */
export function partitionKeyText(keys: Item, partitionKeyName: string | undefined): string {
  if (partitionKeyName !== undefined) return keyValueText(keys[partitionKeyName]);
  // Without a schema, hash every key attribute in name order so the choice is still stable.
  return Object.keys(keys)
    .sort()
    .map((name) => `${name}=${keyValueText(keys[name])}`)
    .join("|");
}
