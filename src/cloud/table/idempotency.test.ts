import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stableFingerprint } from "./idempotency.ts";

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
