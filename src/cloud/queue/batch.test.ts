import { describe, expect, it } from "vitest";
import { codeOf, errorOf, testSqs } from "./testing/fixtures.ts";

const entries = (n: number, body = "x") =>
  Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, MessageBody: body }));

describe("batches", () => {
  it("sends a batch with one result per entry, failing only the bad entries", async () => {
    const t = testSqs();
    const url = t.create("Q");
    const out = t.call("SendMessageBatch", {
      QueueUrl: url,
      Entries: [
        { Id: "ok", MessageBody: "a" },
        { Id: "bad-chars", MessageBody: "\u0000" },
        { Id: "bad-delay", MessageBody: "b", DelaySeconds: 901 },
        { Id: "ok2", MessageBody: "c", MessageAttributes: { k: { DataType: "String", StringValue: "v" } } },
      ],
    });
    expect((out.Successful as { Id: string }[]).map((s) => s.Id)).toEqual(["ok", "ok2"]);
    expect(out.Successful).toContainEqual(
      expect.objectContaining({ Id: "ok", MD5OfMessageBody: "0cc175b9c0f1b6a831c399e269772661" }),
    );
    expect(out.Failed).toEqual([
      expect.objectContaining({ Id: "bad-chars", Code: "InvalidMessageContents", SenderFault: true }),
      expect.objectContaining({ Id: "bad-delay", Code: "InvalidParameterValue", SenderFault: true }),
    ]);
    expect((await t.receive(url)).map((m) => m.Body)).toEqual(["a", "c"]);
  });

  it("rejects empty, oversized, badly identified and too long batches as a whole", async () => {
    const t = testSqs();
    const url = t.create("Q");
    const batch = (Entries: unknown) => codeOf(() => t.call("SendMessageBatch", { QueueUrl: url, Entries }));
    expect(await batch([])).toBe("EmptyBatchRequest");
    expect(await batch(entries(11))).toBe("TooManyEntriesInBatchRequest");
    expect(await batch([{ Id: "bad id", MessageBody: "x" }])).toBe("InvalidBatchEntryId");
    expect(await batch([{ Id: "x".repeat(81), MessageBody: "x" }])).toBe("InvalidBatchEntryId");
    expect(await batch([{ MessageBody: "x" }])).toBe("InvalidBatchEntryId");
    expect(
      await batch([
        { Id: "a", MessageBody: "x" },
        { Id: "a", MessageBody: "y" },
      ]),
    ).toBe("BatchEntryIdsNotDistinct");
    expect(await batch(entries(2, "x".repeat(600_000)))).toBe("BatchRequestTooLong");
    expect(await batch(entries(10, "x".repeat(104_857)))).toBe("ok");
    const error = await errorOf(() => t.call("SendMessageBatch", { QueueUrl: url, Entries: entries(11) }));
    expect(error.fields.queryErrorCode).toBe("AWS.SimpleQueueService.TooManyEntriesInBatchRequest");
    expect(t.attributes(url).ApproximateNumberOfMessages).toBe("10");
  });

  it("deletes and changes visibility in batches, entry by entry", async () => {
    const t = testSqs();
    const url = t.create("Q");
    t.call("SendMessageBatch", { QueueUrl: url, Entries: entries(3) });
    const [a, b, c] = await t.receive(url);
    const deleted = t.call("DeleteMessageBatch", {
      QueueUrl: url,
      Entries: [
        { Id: "a", ReceiptHandle: a?.ReceiptHandle },
        { Id: "junk", ReceiptHandle: "junk" },
      ],
    });
    expect(deleted.Successful).toEqual([{ Id: "a" }]);
    expect(deleted.Failed).toEqual([expect.objectContaining({ Id: "junk", Code: "ReceiptHandleIsInvalid" })]);
    const changed = t.call("ChangeMessageVisibilityBatch", {
      QueueUrl: url,
      Entries: [
        { Id: "b", ReceiptHandle: b?.ReceiptHandle, VisibilityTimeout: 0 },
        { Id: "c", ReceiptHandle: c?.ReceiptHandle, VisibilityTimeout: 50_000 },
      ],
    });
    expect(changed.Successful).toEqual([{ Id: "b" }]);
    expect(changed.Failed).toEqual([expect.objectContaining({ Id: "c", Code: "InvalidParameterValue" })]);
    expect((await t.receive(url)).length).toBe(1);
    expect(
      await codeOf(() =>
        t.call("DeleteMessageBatch", {
          QueueUrl: url,
          Entries: [
            { Id: "x", ReceiptHandle: "h" },
            { Id: "x", ReceiptHandle: "h" },
          ],
        }),
      ),
    ).toBe("BatchEntryIdsNotDistinct");
  });
});
