import { describe, expect, it } from "vitest";
import { keyIdentity } from "./ttl-identity.ts";

describe("keyIdentity", () => {
  it("is a lone string key's own string, and otherwise independent of attribute order", () => {
    const id = { S: "order#o-1" };
    expect(keyIdentity({ id })).toBe("order#o-1");
    expect(keyIdentity({ pk: { S: "a" }, sk: { N: "1" } })).toBe(
      keyIdentity({ sk: { N: "1" }, pk: { S: "a" } }),
    );
    expect(keyIdentity({ pk: { S: "a" }, sk: { N: "1" } })).not.toBe(
      keyIdentity({ pk: { S: "a" }, sk: { N: "2" } }),
    );
    expect(keyIdentity({ n: { N: "1" } })).not.toBe(keyIdentity({ n: { N: "10" } }));
    expect(keyIdentity({ pk: { S: "ab" }, sk: { S: "c" } })).not.toBe(
      keyIdentity({ pk: { S: "a" }, sk: { S: "bc" } }),
    );
  });
});
