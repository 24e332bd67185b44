import * as dynamodbModule from "@aws-sdk/client-dynamodb";
import * as lambdaModule from "@aws-sdk/client-lambda";
import * as snsModule from "@aws-sdk/client-sns";
import * as sqsModule from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";

import { registerOperations } from "./catalogue.ts";
import { decodeRequest, encodeResponse } from "./codec.ts";
import { protocolOf } from "./service-protocol.ts";
import { type AnyClient, type AnyCommand, sdkRequest, sdkResponse } from "./testing/sdk-protocol.ts";

const clients = {
  SNS: new snsModule.SNSClient({ region: "us-east-1" }),
  SQS: new sqsModule.SQSClient({ region: "us-east-1" }),
  Lambda: new lambdaModule.LambdaClient({ region: "us-east-1" }),
  DynamoDB: new dynamodbModule.DynamoDBClient({ region: "us-east-1" }),
} as Record<string, AnyClient>;
// Every operation of each client, so that REST routes compete as they would on a real server.
registerOperations("SNS", snsModule);
registerOperations("SQS", sqsModule);
registerOperations("Lambda", lambdaModule);
registerOperations("DynamoDB", dynamodbModule);

const bytes = (text: string) => new TextEncoder().encode(text);
const fnArn = "arn:aws:lambda:us-east-1:000000000000:function:orders";

const requests: [string, AnyCommand][] = [
  [
    "SNS",
    new snsModule.PublishCommand({
      TopicArn: "arn:t",
      Message: "a+b & c=d %",
      MessageAttributes: {
        b: { DataType: "Binary", BinaryValue: bytes("\u0000x") },
        n: { DataType: "Number", StringValue: "-1e3" },
      },
    }),
  ],
  [
    "SNS",
    new snsModule.PublishBatchCommand({
      TopicArn: "arn:t",
      PublishBatchRequestEntries: [
        { Id: "1", Message: "m", MessageAttributes: { s: { DataType: "String", StringValue: "v" } } },
        { Id: "2", Message: "n", MessageDeduplicationId: "d" },
      ],
    }),
  ],
  [
    "SNS",
    new snsModule.CreateTopicCommand({
      Name: "t.fifo",
      Attributes: { FifoTopic: "true" },
      Tags: [{ Key: "k", Value: "v" }],
    }),
  ],
  ["SNS", new snsModule.TagResourceCommand({ ResourceArn: "arn:t", Tags: [] })],
  [
    "SNS",
    new snsModule.SubscribeCommand({
      TopicArn: "arn:t",
      Protocol: "sqs",
      Endpoint: "arn:q",
      ReturnSubscriptionArn: true,
      Attributes: { RawMessageDelivery: "true" },
    }),
  ],
  [
    "SQS",
    new sqsModule.SendMessageBatchCommand({
      QueueUrl: "https://q",
      Entries: [
        {
          Id: "1",
          MessageBody: "b",
          DelaySeconds: 5,
          MessageAttributes: { r: { DataType: "Binary", BinaryValue: bytes("raw") } },
        },
      ],
    }),
  ],
  [
    "SQS",
    new sqsModule.ReceiveMessageCommand({
      QueueUrl: "https://q",
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 20,
      MessageAttributeNames: ["All"],
    }),
  ],
  [
    "Lambda",
    new lambdaModule.InvokeCommand({
      FunctionName: fnArn,
      Qualifier: "7",
      InvocationType: "RequestResponse",
      LogType: "Tail",
      ClientContext: "eyJ9",
      Payload: bytes('{"a":1}'),
    }),
  ],
  ["Lambda", new lambdaModule.ListFunctionsCommand({ MaxItems: 5, Marker: "x y/z", FunctionVersion: "ALL" })],
  ["Lambda", new lambdaModule.GetFunctionCommand({ FunctionName: "orders", Qualifier: "$LATEST" })],
  ["Lambda", new lambdaModule.GetFunctionConfigurationCommand({ FunctionName: "orders" })],
  [
    "Lambda",
    new lambdaModule.UpdateFunctionConfigurationCommand({
      FunctionName: "orders",
      Timeout: 5,
      Environment: { Variables: { A: "1" } },
    }),
  ],
  ["Lambda", new lambdaModule.ListTagsCommand({ Resource: fnArn })],
  [
    "DynamoDB",
    new dynamodbModule.PutItemCommand({
      TableName: "T",
      Item: { pk: { S: "a" }, b: { B: bytes("x") }, n: { N: "1.50" } },
    }),
  ],
];

describe("decodeRequest reads what the SDK's own serialiser writes", () => {
  it.each(requests)("%s %s", async (serviceId, command) => {
    const request = await sdkRequest(clients[serviceId]!, command);
    const decoded = decodeRequest(protocolOf(serviceId), request);
    expect(decoded.operation).toBe((command.schema as unknown[])[2]);
    expect(decoded.input).toEqual(command.input);
  });
});

const responses: [string, AnyCommand, Record<string, unknown>][] = [
  [
    "SNS",
    new snsModule.PublishBatchCommand({ TopicArn: "t", PublishBatchRequestEntries: [] }),
    {
      Successful: [{ Id: "1", MessageId: "m", SequenceNumber: "10" }],
      Failed: [{ Id: "2", Code: "InvalidParameter", Message: '<bad> & "quoted"', SenderFault: true }],
    },
  ],
  [
    "SNS",
    new snsModule.GetTopicAttributesCommand({ TopicArn: "t" }),
    { Attributes: { Policy: '{"a": "<b>"}', DisplayName: "x\r\ny" } },
  ],
  [
    "SNS",
    new snsModule.ListSubscriptionsByTopicCommand({ TopicArn: "t" }),
    { Subscriptions: [{ SubscriptionArn: "s", Protocol: "sqs" }], NextToken: "n" },
  ],
  ["SNS", new snsModule.DeleteTopicCommand({ TopicArn: "t" }), {}],
  [
    "SQS",
    new sqsModule.ReceiveMessageCommand({ QueueUrl: "q" }),
    {
      Messages: [
        {
          MessageId: "m",
          Body: "b",
          Attributes: { SentTimestamp: "1" },
          MessageAttributes: { r: { DataType: "Binary", BinaryValue: bytes("raw") } },
        },
      ],
    },
  ],
  [
    "Lambda",
    new lambdaModule.GetFunctionCommand({ FunctionName: "f" }),
    {
      Configuration: { FunctionName: "f", Timeout: 3, Layers: [{ Arn: "l", CodeSize: 10 }] },
      Tags: { a: "b" },
      Concurrency: { ReservedConcurrentExecutions: 2 },
    },
  ],
  [
    "Lambda",
    new lambdaModule.InvokeCommand({ FunctionName: "f" }),
    {
      StatusCode: 200,
      FunctionError: "Unhandled",
      LogResult: "bG9n",
      ExecutedVersion: "$LATEST",
      Payload: bytes('{"errorMessage":"x"}'),
    },
  ],
  [
    "DynamoDB",
    new dynamodbModule.DescribeTableCommand({ TableName: "T" }),
    { Table: { TableName: "T", CreationDateTime: new Date(1_700_000_000_500), ItemCount: 3 } },
  ],
];

describe("encodeResponse writes what the SDK's own deserialiser reads back", () => {
  it.each(responses)("%s %s", async (serviceId, command, output) => {
    const operation = (command.schema as unknown[])[2] as string;
    const response = encodeResponse(protocolOf(serviceId), operation, output, "req-1");
    const read = await sdkResponse(clients[serviceId]!, command, response);
    expect({ ...read, $metadata: undefined }).toEqual({ ...output, $metadata: undefined });
    expect(read.$metadata).toMatchObject({ requestId: "req-1", httpStatusCode: 200 });
  });
});
