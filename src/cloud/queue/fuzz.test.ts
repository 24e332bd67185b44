import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../aws-error.ts";
import { testSqs } from "./testing/fixtures.ts";

const URL = "https://sqs.us-east-1.amazonaws.com/000000000000/Q";
const FIFO = "https://sqs.us-east-1.amazonaws.com/000000000000/F.fifo";

/** Valid requests of every operation; the fuzzer replaces or removes one member at a time. */
const VALID: [string, Record<string, unknown>][] = [
  ["CreateQueue", { QueueName: "New", Attributes: { VisibilityTimeout: "10" }, tags: { a: "b" } }],
  ["GetQueueUrl", { QueueName: "Q" }],
  ["ListQueues", { QueueNamePrefix: "Q", MaxResults: 5 }],
  ["GetQueueAttributes", { QueueUrl: URL, AttributeNames: ["All"] }],
  ["SetQueueAttributes", { QueueUrl: URL, Attributes: { DelaySeconds: "1" } }],
  [
    "SendMessage",
    {
      QueueUrl: URL,
      MessageBody: "b",
      DelaySeconds: 1,
      MessageAttributes: { a: { DataType: "String", StringValue: "v" } },
    },
  ],
  ["SendMessage", { QueueUrl: FIFO, MessageBody: "b", MessageGroupId: "g", MessageDeduplicationId: "d" }],
  ["SendMessageBatch", { QueueUrl: URL, Entries: [{ Id: "a", MessageBody: "b" }] }],
  [
    "ReceiveMessage",
    {
      QueueUrl: URL,
      MaxNumberOfMessages: 2,
      VisibilityTimeout: 5,
      WaitTimeSeconds: 0,
      MessageSystemAttributeNames: ["All"],
      MessageAttributeNames: ["All"],
    },
  ],
  ["DeleteMessage", { QueueUrl: URL, ReceiptHandle: "AQEBx" }],
  ["DeleteMessageBatch", { QueueUrl: URL, Entries: [{ Id: "a", ReceiptHandle: "AQEBx" }] }],
  ["ChangeMessageVisibility", { QueueUrl: URL, ReceiptHandle: "AQEBx", VisibilityTimeout: 3 }],
  [
    "ChangeMessageVisibilityBatch",
    { QueueUrl: URL, Entries: [{ Id: "a", ReceiptHandle: "AQEBx", VisibilityTimeout: 3 }] },
  ],
  ["PurgeQueue", { QueueUrl: URL }],
  ["TagQueue", { QueueUrl: URL, Tags: { a: "b" } }],
  ["UntagQueue", { QueueUrl: URL, TagKeys: ["a"] }],
  ["ListQueueTags", { QueueUrl: URL }],
  ["ListDeadLetterSourceQueues", { QueueUrl: URL, MaxResults: 2 }],
  ["DeleteQueue", { QueueUrl: URL }],
];

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: -5, max: 100_000 }),
  fc.double(),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string(), fc.integer(), fc.constant({})), {
    maxKeys: 3,
  }),
  fc.constant(new Uint8Array([1])),
);

describe("bad input", () => {
  it("fails only with SQS's named errors, never a TypeError", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: VALID.length - 1 }),
        fc.string({ maxLength: 30 }),
        junk,
        fc.boolean(),
        async (i, pick, value, nested) => {
          const t = testSqs();
          t.create("Q");
          t.create("F.fifo");
          const [operation, valid] = VALID[i] as [string, Record<string, unknown>];
          const input = nested ? mutateNested(valid, pick.length, value) : mutate(valid, pick.length, value);
          try {
            await t.sqs.handle(operation, input);
          } catch (error) {
            expect(error).toBeInstanceOf(AwsServiceError);
            expect((error as AwsServiceError).code).toMatch(/^[A-Z][A-Za-z]+$/);
          }
        },
      ),
      { numRuns: 600, seed: 42 },
    );
  });

  it("answers the valid requests without error", async () => {
    for (const [operation, input] of VALID) {
      const t = testSqs();
      t.create("Q");
      t.create("F.fifo");
      if (operation.includes("Message") && "ReceiptHandle" in input) continue;
      await expect(Promise.resolve().then(() => t.sqs.handle(operation, input))).resolves.toBeDefined();
    }
  });
});

function mutate(valid: Record<string, unknown>, pick: number, value: unknown): Record<string, unknown> {
  const keys = Object.keys(valid);
  return { ...valid, [keys[pick % keys.length] as string]: value };
}

/** Breaks a member one level down: a batch entry's member or a message attribute's value. */
function mutateNested(valid: Record<string, unknown>, pick: number, value: unknown): Record<string, unknown> {
  const entries = valid.Entries;
  if (Array.isArray(entries)) {
    return { ...valid, Entries: [mutate(entries[0] as Record<string, unknown>, pick, value)] };
  }
  const attributes = valid.MessageAttributes as Record<string, Record<string, unknown>> | undefined;
  if (attributes?.a !== undefined)
    return { ...valid, MessageAttributes: { a: mutate(attributes.a, pick, value) } };
  return mutate(valid, pick, value);
}
