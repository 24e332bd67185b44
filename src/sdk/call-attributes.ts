import type { SpanAttributes } from "../core/trace.ts";

/** Where correlation ids are looked for in what a call sends, publishes, writes or invokes. */
export interface CorrelationNames {
  /** The SQS / SNS message attribute (its `StringValue`). */
  readonly messageAttribute: string;
  /** The top-level field of an Invoke payload and of a PutItem item. */
  readonly field: string;
}

type Input = Record<string, unknown>;

const decoder = new TextDecoder();

/**
 * The span attributes of one SDK call: the resource it targets, by physical name (`queue`,
 * `topic`, `function`, `table`, or `tables` comma-joined for a multi-table write), the correlation
 * ids found in what it sends (`correlationIds`, comma-joined), `messages` for a batch send or
 * publish, and `invocationType` for an Invoke that is not RequestResponse. It runs on every call,
 * so it reads only the members of the operations it knows and parses JSON only for Invoke.
 *
 * @example
 * callAttributes("SQS", "SendMessage", { QueueUrl: ".../000000000000/Orders", MessageBody: "{}",
 *   MessageAttributes: { correlationId: { DataType: "String", StringValue: "c-1" } } }, names);
 * // { queue: "Orders", correlationIds: "c-1" }
 */
export function callAttributes(
  serviceId: string,
  operation: string,
  input: Input,
  names: CorrelationNames,
): SpanAttributes {
  switch (serviceId) {
    case "DynamoDB":
      return dynamoDbAttributes(operation, input, names.field);
    case "SQS":
      return sqsAttributes(operation, input, names.messageAttribute);
    case "SNS":
      return snsAttributes(operation, input, names.messageAttribute);
    case "Lambda":
      return lambdaAttributes(operation, input, names.field);
    default:
      return {};
  }
}

function dynamoDbAttributes(operation: string, input: Input, field: string): SpanAttributes {
  const table = input.TableName;
  if (typeof table === "string") {
    const attributes: SpanAttributes = { table: tableNameOf(table) };
    if (operation === "PutItem") setIds(attributes, itemString(input.Item, field));
    return attributes;
  }
  if (operation === "TransactWriteItems") return tablesAttributes(transactTables(input.TransactItems));
  if (operation === "BatchWriteItem" && isRecord(input.RequestItems))
    return tablesAttributes(Object.keys(input.RequestItems).map(tableNameOf));
  return {};
}

function sqsAttributes(operation: string, input: Input, attribute: string): SpanAttributes {
  const url = input.QueueUrl;
  const queue =
    typeof url === "string"
      ? url.slice(url.lastIndexOf("/") + 1)
      : typeof input.QueueName === "string"
        ? input.QueueName
        : undefined;
  const attributes: SpanAttributes = queue === undefined ? {} : { queue };
  if (operation === "SendMessage") setIds(attributes, messageAttribute(input.MessageAttributes, attribute));
  else if (operation === "SendMessageBatch") setBatchIds(attributes, input.Entries, attribute);
  return attributes;
}

function snsAttributes(operation: string, input: Input, attribute: string): SpanAttributes {
  const arn = typeof input.TopicArn === "string" ? input.TopicArn : input.TargetArn;
  const attributes: SpanAttributes =
    typeof arn === "string" ? { topic: arn.slice(arn.lastIndexOf(":") + 1) } : {};
  if (operation === "Publish") setIds(attributes, messageAttribute(input.MessageAttributes, attribute));
  else if (operation === "PublishBatch") setBatchIds(attributes, input.PublishBatchRequestEntries, attribute);
  return attributes;
}

function lambdaAttributes(operation: string, input: Input, field: string): SpanAttributes {
  const name = input.FunctionName;
  const attributes: SpanAttributes = typeof name === "string" ? { function: functionNameOf(name) } : {};
  if (operation !== "Invoke") return attributes;
  const type = input.InvocationType;
  if (typeof type === "string" && type !== "RequestResponse") attributes.invocationType = type;
  setIds(attributes, payloadField(input.Payload, field));
  return attributes;
}

function setIds(attributes: SpanAttributes, id: string | undefined): void {
  if (id !== undefined) attributes.correlationIds = id;
}

function setBatchIds(attributes: SpanAttributes, entries: unknown, attribute: string): void {
  if (!Array.isArray(entries)) return;
  attributes.messages = entries.length;
  const ids = new Set<string>();
  for (const entry of entries) {
    const id = isRecord(entry) ? messageAttribute(entry.MessageAttributes, attribute) : undefined;
    if (id !== undefined) ids.add(id);
  }
  if (ids.size > 0) attributes.correlationIds = [...ids].join(",");
}

function tablesAttributes(tables: readonly string[]): SpanAttributes {
  const distinct = [...new Set(tables)];
  if (distinct.length === 0) return {};
  return distinct.length === 1 ? { table: distinct[0] as string } : { tables: distinct.join(",") };
}

// Only the members that write: a ConditionCheck reads.
function transactTables(items: unknown): string[] {
  const tables: string[] = [];
  if (!Array.isArray(items)) return tables;
  for (const item of items) {
    if (!isRecord(item)) continue;
    const write = item.Put ?? item.Update ?? item.Delete;
    if (isRecord(write) && typeof write.TableName === "string") tables.push(tableNameOf(write.TableName));
  }
  return tables;
}

function messageAttribute(attributes: unknown, name: string): string | undefined {
  if (!isRecord(attributes)) return undefined;
  const value = attributes[name];
  return isRecord(value) && typeof value.StringValue === "string" ? value.StringValue : undefined;
}

// A DocumentClient item holds the plain string; a low-level one the AttributeValue { S }.
function itemString(item: unknown, field: string): string | undefined {
  if (!isRecord(item)) return undefined;
  const value = item[field];
  if (typeof value === "string") return value;
  return isRecord(value) && typeof value.S === "string" ? value.S : undefined;
}

function payloadField(payload: unknown, field: string): string | undefined {
  let text: string;
  if (typeof payload === "string") text = payload;
  else if (payload instanceof Uint8Array) text = decoder.decode(payload);
  else return undefined;
  // Most payloads carry no correlation id: skip the parse for them.
  if (!text.includes(field)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    const id = isRecord(value) ? value[field] : undefined;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

/** `Orders` for `arn:aws:dynamodb:us-east-1:123456789012:table/Orders` or `Orders`. */
function tableNameOf(nameOrArn: string): string {
  const marker = nameOrArn.startsWith("arn:") ? nameOrArn.indexOf(":table/") : -1;
  return marker === -1 ? nameOrArn : nameOrArn.slice(marker + 7);
}

/** The function's name, from a name, a partial or full ARN, with or without a qualifier. */
function functionNameOf(name: string): string {
  const marker = name.indexOf(":function:");
  const rest = marker === -1 ? name : name.slice(marker + 10);
  const colon = rest.indexOf(":");
  return colon === -1 ? rest : rest.slice(0, colon);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
