import { describe, expect, it } from "vitest";
import { callAttributes } from "./call-attributes.ts";

const names = { messageAttribute: "correlationId", field: "correlationId" };
const url = "https://sqs.us-east-1.amazonaws.com/000000000000/pr-1-Orders";
const topicArn = "arn:aws:sns:us-east-1:000000000000:pr-1-StockEvents";
const attribute = (value: string) => ({ correlationId: { DataType: "String", StringValue: value } });
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe("callAttributes", () => {
  it("names the queue and reads the correlation attribute of a send", () => {
    const input = { QueueUrl: url, MessageBody: "{}", MessageAttributes: attribute("c-1") };
    expect(callAttributes("SQS", "SendMessage", input, names)).toEqual({
      queue: "pr-1-Orders",
      correlationIds: "c-1",
    });
    expect(callAttributes("SQS", "SendMessage", { QueueUrl: url, MessageBody: "{}" }, names)).toEqual({
      queue: "pr-1-Orders",
    });
    expect(callAttributes("SQS", "GetQueueUrl", { QueueName: "Orders" }, names)).toEqual({ queue: "Orders" });
  });

  it("joins the distinct ids of a batch and counts its messages", () => {
    const entries = [
      { Id: "1", MessageBody: "a", MessageAttributes: attribute("c-1") },
      { Id: "2", MessageBody: "b", MessageAttributes: attribute("c-2") },
      { Id: "3", MessageBody: "c", MessageAttributes: attribute("c-1") },
      { Id: "4", MessageBody: "d" },
    ];
    expect(callAttributes("SQS", "SendMessageBatch", { QueueUrl: url, Entries: entries }, names)).toEqual({
      queue: "pr-1-Orders",
      messages: 4,
      correlationIds: "c-1,c-2",
    });
    const publish = { TopicArn: topicArn, PublishBatchRequestEntries: entries };
    expect(callAttributes("SNS", "PublishBatch", publish, names)).toEqual({
      topic: "pr-1-StockEvents",
      messages: 4,
      correlationIds: "c-1,c-2",
    });
  });

  it("names the topic of a publish, by TopicArn or TargetArn, with the configured attribute", () => {
    const input = { TargetArn: topicArn, Message: "m", MessageAttributes: { trace: { StringValue: "t-1" } } };
    expect(callAttributes("SNS", "Publish", input, { ...names, messageAttribute: "trace" })).toEqual({
      topic: "pr-1-StockEvents",
      correlationIds: "t-1",
    });
    expect(callAttributes("SNS", "Publish", { ...input, MessageAttributes: "junk" }, names)).toEqual({
      topic: "pr-1-StockEvents",
    });
  });

  it("reads an Invoke payload's field, as bytes or text, and never throws on a bad one", () => {
    const invoke = (Payload: unknown, FunctionName = "pr-1-direct") =>
      callAttributes("Lambda", "Invoke", { FunctionName, Payload }, names);
    expect(invoke(encode({ correlationId: "c-8", n: 1 }))).toEqual({
      function: "pr-1-direct",
      correlationIds: "c-8",
    });
    expect(invoke(JSON.stringify({ correlationId: "c-9" }))).toEqual({
      function: "pr-1-direct",
      correlationIds: "c-9",
    });
    for (const bad of [
      "{correlationId",
      encode(["correlationId"]),
      encode({ correlationId: 7 }),
      42,
      undefined,
    ])
      expect(invoke(bad)).toEqual({ function: "pr-1-direct" });
    expect(invoke(undefined, "arn:aws:lambda:us-east-1:000000000000:function:pr-1-direct:live")).toEqual({
      function: "pr-1-direct",
    });
    expect(invoke(undefined, "000000000000:function:pr-1-direct")).toEqual({ function: "pr-1-direct" });
    expect(invoke(undefined, "myfunction:3")).toEqual({ function: "myfunction" });
    const dryRun = { FunctionName: "f", InvocationType: "DryRun" };
    expect(callAttributes("Lambda", "Invoke", dryRun, names)).toEqual({
      function: "f",
      invocationType: "DryRun",
    });
  });

  it("reads a PutItem item's field, low-level or as the DocumentClient gives it", () => {
    const lowLevel = { TableName: "T", Item: { id: { S: "1" }, correlationId: { S: "c-3" } } };
    expect(callAttributes("DynamoDB", "PutItem", lowLevel, names)).toEqual({
      table: "T",
      correlationIds: "c-3",
    });
    const document = { TableName: "T", Item: { id: "1", correlationId: "c-4" } };
    expect(callAttributes("DynamoDB", "PutItem", document, names)).toEqual({
      table: "T",
      correlationIds: "c-4",
    });
    const other = { TableName: "T", Key: { id: "1" }, Item: { correlationId: "c-5" } };
    expect(callAttributes("DynamoDB", "GetItem", other, names)).toEqual({ table: "T" });
    const byArn = { TableName: "arn:aws:dynamodb:us-east-1:000000000000:table/T", Key: {} };
    expect(callAttributes("DynamoDB", "UpdateItem", byArn, names)).toEqual({ table: "T" });
  });

  it("lists the tables a transaction or batch writes, leaving out condition checks", () => {
    const transact = {
      TransactItems: [
        { Update: { TableName: "Inventory" } },
        { Put: { TableName: "Reservations" } },
        { Delete: { TableName: "Inventory" } },
        { ConditionCheck: { TableName: "Limits" } },
      ],
    };
    expect(callAttributes("DynamoDB", "TransactWriteItems", transact, names)).toEqual({
      tables: "Inventory,Reservations",
    });
    const single = { TransactItems: [{ Put: { TableName: "A" } }, { ConditionCheck: { TableName: "B" } }] };
    expect(callAttributes("DynamoDB", "TransactWriteItems", single, names)).toEqual({ table: "A" });
    const batch = { RequestItems: { A: [], "arn:aws:dynamodb:us-east-1:0:table/B": [] } };
    expect(callAttributes("DynamoDB", "BatchWriteItem", batch, names)).toEqual({ tables: "A,B" });
  });

  it("gives nothing for a service it does not know", () => {
    expect(callAttributes("S3", "PutObject", { Bucket: "b", Key: "k" }, names)).toEqual({});
  });
});
