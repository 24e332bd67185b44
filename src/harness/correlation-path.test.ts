import { describe, expect, it } from "vitest";
import { correlationPath, rootCorrelationIds } from "./correlation-path.ts";
import { edit, hop, orderPath } from "./testing/correlation/hops.ts";

const ids = (hops: readonly { id: string }[]) => hops.map((h) => h.id);

describe("correlationPath", () => {
  it("follows the id through every hop, in start order", () => {
    const hops = orderPath("c-1");
    expect(ids(correlationPath([...hops].reverse(), "c-1"))).toEqual([
      "h1",
      "h2",
      "h3",
      "h4",
      "h5",
      "h6",
      "h7",
    ]);
  });

  it("keeps following past a hop that lost the id", () => {
    const hops = edit(edit(orderPath("c-1"), "h6", { correlationIds: [] }), "h7", { correlationIds: [] });
    expect(ids(correlationPath(hops, "c-1"))).toEqual(["h1", "h2", "h3", "h4", "h5", "h6", "h7"]);
  });

  it("leaves out descendants that carry only other ids, and other orders", () => {
    const hops = [
      ...edit(edit(orderPath("c-1"), "h6", { correlationIds: ["c-9"] }), "h7", { correlationIds: ["c-9"] }),
      ...orderPath("c-2", "k", 1_005),
    ];
    expect(ids(correlationPath(hops, "c-1"))).toEqual(["h1", "h2", "h3", "h4", "h5"]);
    expect(ids(correlationPath(hops, "c-2"))).toEqual(["k1", "k2", "k3", "k4", "k5", "k6", "k7"]);
  });

  it("puts a batch invocation carrying two ids on both paths, with its id-less actions", () => {
    const hops = [
      hop("a", "send", "test", "Orders", { correlationIds: ["c-1"] }),
      hop("b", "send", "test", "Orders", { correlationIds: ["c-2"], startMs: 1 }),
      hop("i", "invocation", "Orders", "fn", {
        causes: ["a", "b"],
        correlationIds: ["c-1", "c-2"],
        startMs: 5,
      }),
      hop("w", "write", "fn", "T", { causes: ["i"], startMs: 6 }),
      hop("w2", "write", "fn", "T", { causes: ["i"], correlationIds: ["c-2"], startMs: 7 }),
    ];
    expect(ids(correlationPath(hops, "c-1"))).toEqual(["a", "i", "w"]);
    expect(ids(correlationPath(hops, "c-2"))).toEqual(["b", "i", "w", "w2"]);
    expect(correlationPath(hops, "c-3")).toEqual([]);
  });
});

describe("rootCorrelationIds", () => {
  it("lists the ids of hops nothing caused, once each, in order", () => {
    const hops = [
      ...orderPath("c-2", "k"),
      ...orderPath("c-1", "h", 2_000),
      hop("x", "send", "test", "Orders", { correlationIds: ["c-2"] }),
    ];
    expect(rootCorrelationIds(hops)).toEqual(["c-2", "c-1"]);
  });
});
