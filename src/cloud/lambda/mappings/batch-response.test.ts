import { describe, expect, it } from "vitest";
import { partialFailures } from "./batch-response.ts";

describe("partial batch responses", () => {
  it.each([
    ["null", null, []],
    ["an empty object", {}, []],
    ["an empty list", { batchItemFailures: [] }, []],
    ["one failure", { batchItemFailures: [{ itemIdentifier: "b" }] }, ["b"]],
  ])("reads %s as these failures", (_what, answer, expected) => {
    expect(partialFailures(answer, ["a", "b"])).toEqual(new Set(expected));
  });

  it.each([
    ["a string", "oops"],
    ["a list instead of the object", [{ itemIdentifier: "a" }]],
    ["an empty identifier", { batchItemFailures: [{ itemIdentifier: "" }] }],
    ["an identifier not in the batch", { batchItemFailures: [{ itemIdentifier: "z" }] }],
    ["batchItemFailures that is not a list", { batchItemFailures: "a" }],
  ])("fails the whole batch for %s", (_what, answer) => {
    expect(partialFailures(answer, ["a", "b"])).toBe("all");
  });
});
