import {
  GetTopicAttributesCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishBatchCommand,
  PublishCommand,
  SNSClient,
} from "@aws-sdk/client-sns";
import { expect, it } from "vitest";
import { expectModesAgree, inMode, sendEach } from "./protocols/testing/both-modes.ts";
import { FakeTopic } from "./protocols/testing/fake-services.ts";

const sns = new SNSClient({});
const arn = "arn:aws:sns:us-east-1:000000000000:orders";

const attributes = {
  kind: { DataType: "String", StringValue: "created & <new>" },
  qty: { DataType: "Number", StringValue: "1.5" },
  raw: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 255]) },
};

async function scenario(mode: "fast" | "wire") {
  const topic = new FakeTopic(arn);
  const commands = [
    new PublishCommand({
      TopicArn: arn,
      Message: "hello\r\nworld ✓",
      Subject: "s",
      MessageAttributes: attributes,
    }),
    new PublishBatchCommand({
      TopicArn: arn,
      PublishBatchRequestEntries: [
        { Id: "a", Message: "one", MessageAttributes: { qty: { DataType: "Number", StringValue: "2" } } },
        { Id: "bad-b", Message: "two", MessageGroupId: undefined },
      ],
    }),
    new ListTopicsCommand({}),
    new GetTopicAttributesCommand({ TopicArn: arn }),
    new PublishCommand({ TopicArn: `${arn}-gone`, Message: "x" }),
  ];
  const { result, endMs } = await inMode(mode, [topic], async () => {
    return sendEach(sns, commands);
  });
  return { result, endMs, received: topic.received };
}

it("answers SNS (AWS Query: form requests, XML responses and errors) identically in fast and wire mode", async () => {
  const fast = await scenario("fast");
  const wire = await scenario("wire");
  expectModesAgree(fast, wire);

  expect(wire.received[0]?.[1]).toEqual({
    TopicArn: arn,
    Message: "hello\r\nworld ✓",
    Subject: "s",
    MessageAttributes: attributes,
  });
  const [published, batch, topics, topicAttributes] = wire.result;
  expect(published).toMatchObject({ ok: { MessageId: "m-1" } });
  expect(batch).toMatchObject({
    ok: {
      Successful: [{ Id: "a", MessageId: "m-2" }],
      Failed: [{ Id: "bad-b", Code: "InvalidParameter", SenderFault: true }],
    },
  });
  expect(topics).toMatchObject({ ok: { Topics: [{ TopicArn: arn }], NextToken: "next & <more>" } });
  expect(topicAttributes).toMatchObject({ ok: { Attributes: { DisplayName: "Orders\nline 2" } } });
  for (const { result } of [fast, wire]) {
    const failure = result[4] as { exception: NotFoundException };
    expect(failure.exception).toBeInstanceOf(NotFoundException);
    expect(failure.exception).toMatchObject({
      message: "Topic does not exist",
      $fault: "client",
      $metadata: { httpStatusCode: 404, attempts: 1 },
      Code: "NotFound",
      Type: "Sender",
    });
  }
});
