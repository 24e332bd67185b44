import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { codeOf, errorOf, testSqs } from "./testing/fixtures.ts";

const MiB = 1_048_576;

describe("payload and attribute limits", () => {
  it("accepts a 1 MiB message and refuses a byte more, counting attributes", async () => {
    const t = testSqs();
    const url = t.create("Q");
    expect(await codeOf(() => t.send(url, "x".repeat(MiB)))).toBe("ok");
    expect(await codeOf(() => t.send(url, "x".repeat(MiB + 1)))).toBe("InvalidParameterValue");
    const attrs = { k: { DataType: "String", StringValue: "v" } }; // 1 + 6 + 1 bytes
    expect(await codeOf(() => t.send(url, "x".repeat(MiB - 8), { MessageAttributes: attrs }))).toBe("ok");
    expect(await codeOf(() => t.send(url, "x".repeat(MiB - 7), { MessageAttributes: attrs }))).toBe(
      "InvalidParameterValue",
    );
    expect(await codeOf(() => t.send(url, "é".repeat(MiB / 2 + 1)))).toBe("InvalidParameterValue");
  });

  it("follows the queue's MaximumMessageSize", async () => {
    const t = testSqs();
    const url = t.create("Q", { MaximumMessageSize: "1024" });
    expect(await codeOf(() => t.send(url, "x".repeat(1024)))).toBe("ok");
    const error = await errorOf(() => t.send(url, "x".repeat(1025)));
    expect(error.message).toMatch(/shorter than 1024 bytes/);
  });

  it("allows only XML characters in bodies", async () => {
    const t = testSqs();
    const url = t.create("Q");
    expect(await codeOf(() => t.send(url, "tab\tnl\ncr\r ok \u{1F600} \uE000"))).toBe("ok");
    for (const bad of ["\u0000", "\u0008", "\uFFFE", "\uD800", "a\uDC00"]) {
      expect(await codeOf(() => t.send(url, bad))).toBe("InvalidMessageContents");
    }
    expect(await codeOf(() => t.send(url, ""))).toBe("InvalidParameterValue");
    expect(await codeOf(() => t.call("SendMessage", { QueueUrl: url }))).toBe("MissingParameter");
  });

  it("checks message attributes: count, names, types, values", async () => {
    const t = testSqs();
    const url = t.create("Q");
    const send = (MessageAttributes: unknown) => codeOf(() => t.send(url, "x", { MessageAttributes }));
    const s = (v: string) => ({ DataType: "String", StringValue: v });
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, s("v")]));
    expect(await send(many)).toBe("InvalidParameterValue");
    for (const name of ["AWS.x", "amazon.y", ".a", "a.", "a..b", "sp ace", "x".repeat(257)]) {
      expect(await send({ [name]: s("v") })).toBe("InvalidParameterValue");
    }
    expect(await send({ a: { DataType: "Text", StringValue: "v" } })).toBe("InvalidParameterValue");
    expect(await send({ a: { DataType: "String", StringValue: "" } })).toBe("InvalidParameterValue");
    expect(await send({ a: { DataType: "Binary" } })).toBe("InvalidParameterValue");
    expect(await send({ a: { DataType: "Number", StringValue: "1e200" } })).toBe("InvalidParameterValue");
    expect(await send({ a: { DataType: "Number", StringValue: "12a" } })).toBe("InvalidParameterValue");
    expect(await send({ a: { DataType: "Number", StringValue: "1".repeat(39) } })).toBe(
      "InvalidParameterValue",
    );
    expect(await send({ a: { DataType: "String", StringValue: "\u0001" } })).toBe("InvalidMessageContents");
    expect(await send({ a: { DataType: "String", StringValue: "v", StringListValues: ["x"] } })).toBe(
      "InvalidParameterValue",
    );
    expect(
      await send({
        "order.id": { DataType: "Number.int", StringValue: "-12.5e3" },
        bin: { DataType: "Binary", BinaryValue: Uint8Array.of(1, 2) },
      }),
    ).toBe("ok");
  });

  it("computes MD5OfBody and MD5OfMessageAttributes as SQS does, and filters attributes by name", async () => {
    const t = testSqs();
    const url = t.create("Q");
    const attributes = {
      "order.id": { DataType: "String", StringValue: "o-1" },
      "order.kind": { DataType: "String", StringValue: "retail" },
      raw: { DataType: "Binary", BinaryValue: Uint8Array.of(0xff) },
    };
    const sent = t.call("SendMessage", { QueueUrl: url, MessageBody: "body", MessageAttributes: attributes });
    expect(sent.MD5OfMessageBody).toBe(createHash("md5").update("body").digest("hex"));
    expect(sent.MD5OfMessageAttributes).toBe(referenceMd5(attributes));
    // Published digests (AWS's SellerName example; sqslite's test vector).
    const single = { SellerName: { DataType: "String", StringValue: "Example Store" } };
    expect(
      t.call("SendMessage", { QueueUrl: url, MessageBody: "b", MessageAttributes: single })
        .MD5OfMessageAttributes,
    ).toBe("cd28f3b68aeee4b2eac9c66f2f694b58");
    const pair = {
      ordinal: { DataType: "Number", StringValue: "1" },
      category: { DataType: "String", StringValue: "test" },
    };
    expect(
      t.call("SendMessage", { QueueUrl: url, MessageBody: "b", MessageAttributes: pair })
        .MD5OfMessageAttributes,
    ).toBe("d21ae90c49061e927f57df5f5d72be1f");
    const [all] = await t.receive(url, {
      MessageAttributeNames: ["All"],
      VisibilityTimeout: 0,
      MaxNumberOfMessages: 1,
    });
    expect(all?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(all?.MD5OfBody).toBe(sent.MD5OfMessageBody);
    const [some] = await t.receive(url, {
      MessageAttributeNames: ["order.*"],
      VisibilityTimeout: 0,
      MaxNumberOfMessages: 1,
    });
    expect(Object.keys(some?.MessageAttributes ?? {}).sort()).toEqual(["order.id", "order.kind"]);
    const [none] = await t.receive(url, { MaxNumberOfMessages: 1 });
    expect(none?.MessageAttributes).toBeUndefined();
    expect(none?.MD5OfMessageAttributes).toBeUndefined();
  });
});

/** Written from AWS's description of the digest, independently of the implementation. */
function referenceMd5(
  attributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }>,
) {
  const parts: Buffer[] = [];
  const withLength = (b: Buffer) => {
    const n = Buffer.alloc(4);
    n.writeInt32BE(b.length);
    parts.push(n, b);
  };
  for (const name of Object.keys(attributes).sort()) {
    const a = attributes[name];
    if (a === undefined) continue;
    withLength(Buffer.from(name));
    withLength(Buffer.from(a.DataType));
    parts.push(Buffer.from([a.BinaryValue ? 2 : 1]));
    withLength(a.BinaryValue ? Buffer.from(a.BinaryValue) : Buffer.from(a.StringValue ?? ""));
  }
  return createHash("md5").update(Buffer.concat(parts)).digest("hex");
}
