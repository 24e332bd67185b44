import { describe, expect, it } from "vitest";
import { readBatchResponse } from "./batch-response.ts";

const ids = new Set(["a", "b"]);

describe("readBatchResponse", () => {
  it.each([null, undefined, {}, { batchItemFailures: null }, { batchItemFailures: [] }, "done"])(
    "reads %j as every item succeeded",
    (result) => expect(readBatchResponse(result, ids)).toEqual({ kind: "all-succeeded" }),
  );

  it("lists the failed identifiers once each", () => {
    const result = { batchItemFailures: [{ itemIdentifier: "b" }, { itemIdentifier: "b" }] };
    expect(readBatchResponse(result, ids)).toEqual({ kind: "partial", failedIds: ["b"] });
  });

  it.each([
    { batchItemFailures: [{ itemIdentifier: "" }] },
    { batchItemFailures: [{ itemIdentifier: null }] },
    { batchItemFailures: [{ itemId: "a" }] },
    { batchItemFailures: [{ itemIdentifier: "zzz" }] },
    { batchItemFailures: "a" },
  ])("reads %j as a failure of the whole batch", (result) => {
    expect(readBatchResponse(result, ids).kind).toBe("invalid");
  });
});
