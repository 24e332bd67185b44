import * as sns from "@aws-sdk/client-sns";
import * as sqs from "@aws-sdk/client-sqs";
import { expect, it } from "vitest";
import { SqsService } from "../cloud/queue/service.ts";
import { SnsService } from "../cloud/topic/service.ts";
import type { Simulation } from "../core/simulation.ts";
import { inMode, type Outcome, outcome } from "./protocols/testing/both-modes.ts";

const queues = new sqs.SQSClient({});
const topics = new sns.SNSClient({});
const bytes = new Uint8Array([1, 2, 255]);

/** The real simulated SQS and SNS (deliveries dropped), built on the simulation's kernel. */
const services = (sim: Simulation) => [
  new SqsService(sim),
  new SnsService(sim, { deliverToQueue: () => undefined, invokeFunction: () => undefined }),
];

async function scenario(mode: "fast" | "wire") {
  return inMode(mode, services, async () => {
    const out: Outcome[] = [];
    const send = async (client: { send(command: never): Promise<object> }, command: { schema?: unknown }) => {
      const result = await outcome(() => client.send(command as never));
      out.push(result);
      return "ok" in result ? result.ok : {};
    };
    const { QueueUrl } = await send(queues, new sqs.CreateQueueCommand({ QueueName: "orders" }));
    const attributes = {
      b: { DataType: "Binary", BinaryValue: bytes },
      s: { DataType: "String", StringValue: "x" },
    };
    await send(
      queues,
      new sqs.SendMessageCommand({
        QueueUrl: QueueUrl as string,
        MessageBody: "hi",
        MessageAttributes: attributes,
      }),
    );
    const duplicateIds = [
      { Id: "1", MessageBody: "a" },
      { Id: "1", MessageBody: "b" },
    ];
    await send(
      queues,
      new sqs.SendMessageBatchCommand({ QueueUrl: QueueUrl as string, Entries: duplicateIds }),
    );
    await send(
      queues,
      new sqs.ReceiveMessageCommand({
        QueueUrl: QueueUrl as string,
        MessageAttributeNames: ["All"],
        MessageSystemAttributeNames: ["All"],
      }),
    );
    await send(
      queues,
      new sqs.GetQueueAttributesCommand({ QueueUrl: QueueUrl as string, AttributeNames: ["All"] }),
    );
    await send(queues, new sqs.GetQueueUrlCommand({ QueueName: "missing" }));
    const { TopicArn } = await send(
      topics,
      new sns.CreateTopicCommand({ Name: "events", Tags: [{ Key: "a", Value: "b" }] }),
    );
    const topic = TopicArn as string;
    await send(
      topics,
      new sns.PublishCommand({
        TopicArn: topic,
        Message: "m",
        MessageAttributes: { b: { DataType: "Binary", BinaryValue: bytes } },
      }),
    );
    await send(
      topics,
      new sns.PublishBatchCommand({
        TopicArn: topic,
        PublishBatchRequestEntries: [{ Id: "1", Message: "x" }],
      }),
    );
    await send(topics, new sns.PublishBatchCommand({ TopicArn: topic, PublishBatchRequestEntries: [] }));
    await send(topics, new sns.GetTopicAttributesCommand({ TopicArn: topic }));
    await send(topics, new sns.PublishCommand({ TopicArn: `${topic}-gone`, Message: "m" }));
    return out;
  });
}

it("answers the simulated SQS and SNS services identically in fast and wire mode", async () => {
  const fast = await scenario("fast");
  const wire = await scenario("wire");
  const strip = (o: Outcome) => ("ok" in o ? o : { ...o, exception: undefined });
  expect(wire.result.map(strip)).toEqual(fast.result.map(strip));
  expect(wire.endMs).toBe(fast.endMs);
  const errors = wire.result.flatMap((o) => ("error" in o ? [o.error] : []));
  expect(errors).toEqual([
    "BatchEntryIdsNotDistinct",
    "QueueDoesNotExist",
    "EmptyBatchRequestException",
    "NotFoundException",
  ]);
  expect(wire.result[3]).toMatchObject({
    ok: { Messages: [{ Body: "hi", MessageAttributes: { b: { BinaryValue: bytes } } }] },
  });
});
