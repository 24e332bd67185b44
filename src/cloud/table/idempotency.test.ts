import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdempotencyTokens, stableFingerprint, TOKEN_WINDOW_MS } from "./idempotency.ts";

// The definition the fingerprint must keep: keys sorted, undefined members left out, bytes as hex.
function reference(value: unknown): string {
  if (value instanceof Uint8Array) return `b"${Buffer.from(value).toString("hex")}"`;
  if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

describe("stableFingerprint", () => {
  it("ignores member order and undefined members, and tells different requests apart", () => {
    expect(stableFingerprint({ b: 1, a: [2], c: undefined })).toBe(stableFingerprint({ a: [2], b: 1 }));
    expect(stableFingerprint({ a: { S: "x" } })).not.toBe(stableFingerprint({ a: { S: "y" } }));
  });

  it("matches its definition for any request-like value", () => {
    const leaf = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(undefined),
      fc.uint8Array({ maxLength: 4 }),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.array(tie("node"), { maxLength: 3 }),
        fc.dictionary(fc.string(), tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(stableFingerprint(v)).toBe(reference(v));
      }),
    );
  });
});

describe("IdempotencyTokens", () => {
  const request = (bytes: number[], extra: Record<string, unknown> = {}) => ({
    TransactItems: [{ Put: { TableName: "T", Item: { pk: { S: "a" }, b: { B: new Uint8Array(bytes) } } } }],
    ClientRequestToken: "t",
    ...extra,
  });

  it("knows a token again for the same request, whatever its member order and undefined members", () => {
    const tokens = new IdempotencyTokens();
    expect(tokens.seen("t", request([1, 2]), 0)).toBe(false);
    tokens.remember("t", request([1, 2]), 0);
    const reordered = {
      ClientRequestToken: "t",
      Absent: undefined,
      TransactItems: request([1, 2]).TransactItems,
    };
    expect(tokens.seen("t", reordered, 1000)).toBe(true);
    expect(tokens.seen("t", request([1, 2]), TOKEN_WINDOW_MS)).toBe(false);
  });

  it("refuses the token for a request that differs, down to one byte of a binary value", () => {
    const tokens = new IdempotencyTokens();
    tokens.remember("t", request([1, 2]), 0);
    for (const other of [request([1, 3]), request([1, 2, 0]), request([1, 2], { ReturnValues: "NONE" })]) {
      expect(() => tokens.seen("t", other, 1000)).toThrow(
        expect.objectContaining({ code: "IdempotentParameterMismatchException" }),
      );
    }
  });

  it("edits of the request after the call do not change what the token remembers", () => {
    const tokens = new IdempotencyTokens();
    const first = request([1, 2]);
    tokens.remember("t", first, 0);
    first.TransactItems[0]!.Put.Item.pk.S = "edited";
    expect(tokens.seen("t", request([1, 2]), 1000)).toBe(true);
  });
});
