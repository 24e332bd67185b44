import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";

/** A stock level for a sku, stamped with the sequence number it was sent with. */
export interface LevelUpdate {
  sku: string;
  level: number;
  sequence: number;
}

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.LEVELS_TABLE;

function apply(update: LevelUpdate, condition?: string) {
  return documents.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: { sku: update.sku },
      UpdateExpression:
        "SET #level = :level, #sequence = :sequence, applied = list_append(if_not_exists(applied, :none), :seq)",
      ExpressionAttributeNames: { "#level": "level", "#sequence": "sequence" },
      ExpressionAttributeValues: {
        ":level": update.level,
        ":sequence": update.sequence,
        ":none": [],
        ":seq": [update.sequence],
      },
      ...(condition === undefined ? {} : { ConditionExpression: condition }),
    }),
  );
}

const NEWER = "attribute_not_exists(sku) OR #sequence < :sequence";

/** Applies an update only if it is newer than the stored one; an older one is dropped quietly. */
export async function conditional(update: LevelUpdate): Promise<{ applied: boolean }> {
  try {
    await apply(update, NEWER);
    return { applied: true };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { applied: false };
    throw error;
  }
}

/** Applies every update as it arrives: the last to arrive wins, even if it was sent first. */
export async function lastWriter(update: LevelUpdate): Promise<{ applied: boolean }> {
  await apply(update);
  return { applied: true };
}

/** Applies an update only if it is newer, and fails on an older one so the queue retries it. */
export async function strict(update: LevelUpdate): Promise<{ applied: boolean }> {
  try {
    await apply(update, NEWER);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException)
      throw new Error(`update #${update.sequence} for ${update.sku} is older than the stored one`);
    throw error;
  }
  return { applied: true };
}

/** Applies updates strictly in sequence: an early one is parked on the item until its turn. */
export async function parking(update: LevelUpdate): Promise<{ applied: number[] }> {
  const { Item } = await documents.send(new GetCommand({ TableName: TABLE, Key: { sku: update.sku } }));
  const parked: Record<string, number> = { ...(Item?.parked as Record<string, number> | undefined) };
  parked[String(update.sequence)] = update.level;
  const applied = [...((Item?.applied as number[] | undefined) ?? [])];
  const before = applied.length;
  let sequence = (Item?.sequence as number | undefined) ?? 0;
  let level = Item?.level as number | undefined;
  for (let next = parked[String(sequence + 1)]; next !== undefined; next = parked[String(sequence + 1)]) {
    sequence++;
    level = next;
    applied.push(sequence);
    delete parked[String(sequence)];
  }
  const item = { sku: update.sku, sequence, applied, parked, ...(level === undefined ? {} : { level }) };
  await documents.send(new PutCommand({ TableName: TABLE, Item: item }));
  return { applied: applied.slice(before) };
}
