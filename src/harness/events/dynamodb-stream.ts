import type { DynamoDBRecord, DynamoDBStreamEvent, StreamRecord } from "aws-lambda";
import { SquallError } from "../../core/errors.ts";
import { arn, type FactoryOptions, hex32, resolveOptions } from "./options.ts";
import { itemSizeBytes, type PlainItem, type StreamImage, toStreamImage } from "./stream-image.ts";

type EventName = "INSERT" | "MODIFY" | "REMOVE";
type StreamViewType = NonNullable<StreamRecord["StreamViewType"]>;

/** One item change, written as plain JavaScript objects (marshalled for you). */
export interface StreamChange {
  /** Default: inferred — INSERT with only `newImage`, REMOVE with only `oldImage`, MODIFY with both. */
  eventName?: EventName;
  keys: PlainItem;
  newImage?: PlainItem;
  oldImage?: PlainItem;
  /** A REMOVE made by DynamoDB's TTL process: adds `userIdentity` of the dynamodb.amazonaws.com service. */
  ttlExpired?: boolean;
}

/** Options of {@link dynamodbStreamEvent}. */
export interface DynamoDBStreamEventOptions extends FactoryOptions {
  /** Default "squall-table". */
  tableName?: string;
  /** Default: a stream ARN of `tableName` labelled with the current time. */
  eventSourceARN?: string;
  /** Default: inferred from the images present across the batch (a stream has one view type). */
  streamViewType?: StreamViewType;
  /** The first record's sequence number; later records count up from it. Default 1. */
  firstSequenceNumber?: bigint;
}

/** The identity stream records of TTL deletions carry. */
export const TTL_USER_IDENTITY = { type: "Service", principalId: "dynamodb.amazonaws.com" } as const;

/**
 * Builds a DynamoDB stream batch as Lambda's event source mapping delivers it: images as
 * AttributeValues, increasing 21-digit sequence numbers, `SizeBytes` by DynamoDB's item-size rules,
 * `ApproximateCreationDateTime` in epoch seconds, `eventVersion` "1.1".
 *
 * @example
 * const event = dynamodbStreamEvent([
 *   { keys: { pk: "sku#A1" }, newImage: { pk: "sku#A1", qty: 5 } },
 *   { keys: { pk: "sku#A1" }, oldImage: { pk: "sku#A1", qty: 5 }, ttlExpired: true },
 * ]);
 */
export function dynamodbStreamEvent(
  changes: readonly StreamChange[],
  options: DynamoDBStreamEventOptions = {},
): DynamoDBStreamEvent {
  const { ids, nowMs, region, accountId } = resolveOptions(options);
  const now = nowMs();
  const tableName = options.tableName ?? "squall-table";
  // A stream label is the ISO time of the stream's creation without the zone designator.
  const label = new Date(now).toISOString().slice(0, -1);
  const eventSourceARN =
    options.eventSourceARN ?? arn("dynamodb", region, accountId, `table/${tableName}/stream/${label}`);
  const streamViewType = options.streamViewType ?? inferViewType(changes);
  const first = options.firstSequenceNumber ?? 1n;
  const Records = changes.map((change, index): DynamoDBRecord => {
    const image = streamImages(change, streamViewType);
    const size = itemSizeBytes(image.Keys) + sizeOf(image.NewImage) + sizeOf(image.OldImage);
    const eventName = change.eventName ?? inferEventName(change, index);
    if (change.ttlExpired && eventName !== "REMOVE") {
      throw new SquallError(
        `dynamodbStreamEvent: change #${index} is marked ttlExpired but is a ${eventName}. TTL only deletes items: give an oldImage only, or eventName "REMOVE".`,
      );
    }
    return {
      eventID: hex32(ids()),
      eventName,
      eventVersion: "1.1",
      eventSource: "aws:dynamodb",
      awsRegion: region,
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(now / 1000),
        ...image,
        SequenceNumber: (first + BigInt(index)).toString().padStart(21, "0"),
        SizeBytes: size,
        StreamViewType: streamViewType,
      },
      eventSourceARN,
      ...(change.ttlExpired ? { userIdentity: { ...TTL_USER_IDENTITY } } : {}),
    };
  });
  return { Records };
}

function streamImages(change: StreamChange, view: StreamViewType): { Keys: StreamImage } & StreamImageParts {
  const parts: StreamImageParts = {};
  const withNew = view === "NEW_IMAGE" || view === "NEW_AND_OLD_IMAGES";
  const withOld = view === "OLD_IMAGE" || view === "NEW_AND_OLD_IMAGES";
  if (withNew && change.newImage) parts.NewImage = toStreamImage(change.newImage);
  if (withOld && change.oldImage) parts.OldImage = toStreamImage(change.oldImage);
  return { Keys: toStreamImage(change.keys), ...parts };
}

interface StreamImageParts {
  NewImage?: StreamImage;
  OldImage?: StreamImage;
}

function sizeOf(image: StreamImage | undefined): number {
  return image === undefined ? 0 : itemSizeBytes(image);
}

function inferEventName(change: StreamChange, index: number): EventName {
  if (change.newImage && change.oldImage) return "MODIFY";
  if (change.newImage) return "INSERT";
  if (change.oldImage) return "REMOVE";
  throw new SquallError(
    `dynamodbStreamEvent: change #${index} has neither newImage nor oldImage, so its eventName cannot be inferred. Give eventName ("INSERT", "MODIFY" or "REMOVE").`,
  );
}

/** One view type for the batch: the narrowest that carries every image the changes were given. */
function inferViewType(changes: readonly StreamChange[]): StreamViewType {
  const hasNew = changes.some((c) => c.newImage !== undefined);
  const hasOld = changes.some((c) => c.oldImage !== undefined);
  if (hasNew && hasOld) return "NEW_AND_OLD_IMAGES";
  if (hasNew) return "NEW_IMAGE";
  if (hasOld) return "OLD_IMAGE";
  return "KEYS_ONLY";
}
