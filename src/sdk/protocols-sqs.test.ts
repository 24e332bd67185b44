import { QueueDoesNotExist, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { expect, it } from "vitest";
import { expectModesAgree, inMode, sendEach } from "./protocols/testing/both-modes.ts";
import { FakeQueue } from "./protocols/testing/fake-services.ts";

const sqs = new SQSClient({});
const url = "https://sqs.us-east-1.amazonaws.com/000000000000/orders";

async function scenario(mode: "fast" | "wire") {
  const queue = new FakeQueue(url);
  const { result, endMs } = await inMode(mode, [queue], async () => {
    const send = new SendMessageCommand({
      QueueUrl: url,
      MessageBody: "order 1 & <more>",
      MessageAttributes: {
        kind: { DataType: "String", StringValue: "created" },
        qty: { DataType: "Number", StringValue: "3" },
        raw: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 255]) },
      },
    });
    const receive = new ReceiveMessageCommand({
      QueueUrl: url,
      MessageAttributeNames: ["All"],
      MessageSystemAttributeNames: ["All"],
    });
    const missing = new SendMessageCommand({ QueueUrl: `${url}-gone`, MessageBody: "x" });
    return sendEach(sqs, [send, receive, missing]);
  });
  return { result, endMs, received: queue.received };
}

it("answers SQS (AWS JSON 1.0, query compatible) identically in fast and wire mode", async () => {
  const fast = await scenario("fast");
  const wire = await scenario("wire");
  expectModesAgree(fast, wire);

  const [sent, received, missing] = wire.result;
  expect(sent).toMatchObject({ ok: { MessageId: "m-1", $metadata: { httpStatusCode: 200 } } });
  const attributes = (wire.received[0]?.[1].MessageAttributes ?? {}) as Record<
    string,
    { BinaryValue?: unknown }
  >;
  expect(attributes.raw?.BinaryValue).toEqual(new Uint8Array([0, 1, 255]));
  expect(received).toMatchObject({
    ok: {
      Messages: [
        {
          Body: "order 1 & <more>",
          Attributes: { SentTimestamp: "1700000000000" },
          MessageAttributes: {
            qty: { DataType: "Number", StringValue: "3" },
            raw: { BinaryValue: new Uint8Array([0, 1, 255]) },
          },
        },
      ],
    },
  });
  for (const { result } of [fast, wire]) {
    const failure = result[2] as { exception: QueueDoesNotExist };
    expect(failure.exception).toBeInstanceOf(QueueDoesNotExist);
    expect(failure.exception).toMatchObject({
      message: "The specified queue does not exist.",
      $fault: "client",
      $metadata: { httpStatusCode: 400 },
      Code: "AWS.SimpleQueueService.NonExistentQueue",
      Type: "Sender",
      Error: { Code: "AWS.SimpleQueueService.NonExistentQueue", Type: "Sender" },
    });
  }
  expect(missing).toMatchObject({ error: "QueueDoesNotExist" });
});
