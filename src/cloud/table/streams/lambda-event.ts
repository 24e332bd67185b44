import type { DynamoDBRecord, AttributeValue as LambdaAttributeValue } from "aws-lambda";
import type { AttributeValue, Item } from "../values.ts";
import type { StoredStreamRecord } from "./types.ts";

/**
 * The record as Lambda's DynamoDB event source mapping hands it to a function: the same record
 * with `ApproximateCreationDateTime` in epoch seconds, binary values in base64, the stream ARN as
 * `eventSourceARN`, and `userIdentity` in lower camel case (`{ type, principalId }`).
 *
 * @example
 * const event = { Records: batch.map(toLambdaRecord) };
 */
export function toLambdaRecord(stored: StoredStreamRecord): DynamoDBRecord {
  const { record } = stored;
  const { dynamodb } = record;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    dynamodb: {
      ApproximateCreationDateTime: dynamodb.ApproximateCreationDateTime.getTime() / 1000,
      Keys: toLambdaItem(dynamodb.Keys),
      ...(dynamodb.NewImage === undefined ? {} : { NewImage: toLambdaItem(dynamodb.NewImage) }),
      ...(dynamodb.OldImage === undefined ? {} : { OldImage: toLambdaItem(dynamodb.OldImage) }),
      SequenceNumber: dynamodb.SequenceNumber,
      SizeBytes: dynamodb.SizeBytes,
      StreamViewType: dynamodb.StreamViewType,
    },
    eventSourceARN: stored.streamArn,
    ...(record.userIdentity === undefined
      ? {}
      : { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } }),
  };
}

function toLambdaItem(item: Item): Record<string, LambdaAttributeValue> {
  const out: Record<string, LambdaAttributeValue> = {};
  for (const [name, value] of Object.entries(item)) out[name] = toLambdaValue(value);
  return out;
}

function toLambdaValue(value: AttributeValue): LambdaAttributeValue {
  if ("B" in value) return { B: Buffer.from(value.B).toString("base64") };
  if ("BS" in value) return { BS: value.BS.map((b) => Buffer.from(b).toString("base64")) };
  if ("L" in value) return { L: value.L.map(toLambdaValue) };
  if ("M" in value) return { M: toLambdaItem(value.M) };
  if ("SS" in value) return { SS: [...value.SS] };
  if ("NS" in value) return { NS: [...value.NS] };
  return { ...value };
}
