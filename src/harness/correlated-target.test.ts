import { describe, expect, it } from "vitest";
import { SquallError } from "../core/errors.ts";
import type { Target } from "../targets/target.ts";
import { correlate } from "./correlated-target.ts";

// A target that only records what it was asked to do.
function recorder() {
  const calls: unknown[][] = [];
  const answer =
    <T>(name: string, result: T) =>
    async (...args: unknown[]): Promise<T> => {
      calls.push([name, ...args]);
      return result;
    };
  const target = {
    sendMessage: answer("send", { messageId: "m-1" }),
    publish: answer("publish", { messageId: "m-2" }),
    invoke: answer("invoke", { requestId: "r-1", payload: 7 }),
    putItem: answer("putItem", undefined),
  } as unknown as Target;
  return { target, calls };
}

describe("correlate", () => {
  it("stamps sends and publishes with a message attribute, numbering ids per target", async () => {
    const { target, calls } = recorder();
    const orders = correlate(target);
    expect(await orders.send("Orders", "{}", { attributes: { kind: "order" }, delaySeconds: 2 })).toEqual({
      correlationId: "corr-1",
      messageId: "m-1",
    });
    expect(await correlate(target).publish("Events", "hi", { subject: "s" })).toEqual({
      correlationId: "corr-2",
      messageId: "m-2",
    });
    expect(calls).toEqual([
      ["send", "Orders", "{}", { attributes: { kind: "order", correlationId: "corr-1" }, delaySeconds: 2 }],
      ["publish", "Events", "hi", { subject: "s", attributes: { correlationId: "corr-2" } }],
    ]);
    expect(orders.ids).toEqual(["corr-1"]);
    expect(correlate(recorder().target).nextId()).toBe("corr-1");
  });

  it("puts the id in an invoke's payload, or in detail for an EventBridge event, without touching the caller's object", async () => {
    const { target, calls } = recorder();
    const sender = correlate(target, { prefix: "order", field: "cid" });
    const event = { orderId: "o-1" };
    const bridge = { "detail-type": "OrderPlaced", source: "shop", detail: { orderId: "o-2" } };
    expect(await sender.invoke("reserve", event, { invocationType: "DryRun" })).toEqual({
      requestId: "r-1",
      payload: 7,
      correlationId: "order-1",
    });
    await sender.invoke("reserve", bridge);
    expect(calls).toEqual([
      ["invoke", "reserve", { orderId: "o-1", cid: "order-1" }, { invocationType: "DryRun" }],
      [
        "invoke",
        "reserve",
        { "detail-type": "OrderPlaced", source: "shop", detail: { orderId: "o-2", cid: "order-2" } },
        {},
      ],
    ]);
    expect(event).toEqual({ orderId: "o-1" });
    expect(bridge.detail).toEqual({ orderId: "o-2" });
  });

  it("takes a per-call id, an id already in the event, or ids from idFor", async () => {
    const { target, calls } = recorder();
    const sender = correlate(target, { idFor: (n) => `run-7/${n}`, messageAttribute: "traceparent" });
    await sender.send("Q", "a", { correlationId: "mine" });
    await sender.send("Q", "b", { attributes: { traceparent: "theirs" } });
    await sender.putItem("T", { id: "x" });
    await sender.putItem("T", { id: "y", correlationId: "kept" }, { correlationId: "kept" });
    expect(calls.map((c) => c.at(-1))).toEqual([
      { attributes: { traceparent: "mine" } },
      { attributes: { traceparent: "theirs" } },
      { id: "x", correlationId: "run-7/1" },
      { id: "y", correlationId: "kept" },
    ]);
    expect(sender.ids).toEqual(["mine", "theirs", "run-7/1", "kept"]);
  });

  it("refuses contradicting ids and payloads that cannot carry one", async () => {
    const sender = correlate(recorder().target);
    await expect(
      sender.send("Q", "a", { correlationId: "x", attributes: { correlationId: "y" } }),
    ).rejects.toThrow(
      'correlate(…).send("Q"): the event already carries correlation id "y" but the call asks for "x"; pass one of them',
    );
    await expect(sender.invoke("fn", [1, 2])).rejects.toThrow(
      /correlate\(…\)\.invoke\("fn"\): the event must be a JSON object to carry a correlation id/,
    );
    await expect(sender.putItem("T", { correlationId: 5 })).rejects.toBeInstanceOf(SquallError);
    expect(sender.ids).toEqual([]);
  });
});

describe("correlate on the simulation", () => {
  it("invokes with cold-start compensation and confirms its own correlation id in the logs", async () => {
    const { simulate } = await import("../targets/sim/simulated-cloud.ts");
    const { correlationApp } = await import("./testing/correlation/app.ts");
    await using cloud = await simulate(correlationApp("careful"), { seed: 5 });
    const sender = correlate(cloud);
    const first = await sender.invoke("echo", { hello: 1 }, { compensateColdStart: true });
    expect(first).toMatchObject({ correlationId: "corr-1", payload: { echoed: "corr-1" }, cold: true });
    expect(first.initDurationMs).toBeGreaterThan(0);
    const warm = await sender.invoke("echo", { hello: 2 }, { compensateColdStart: { timeoutMs: 5_000 } });
    expect(warm).toMatchObject({ correlationId: "corr-2", cold: false });
    const plain = await sender.invoke("echo", { hello: 3 });
    expect(plain.cold).toBeUndefined();
  });
});
