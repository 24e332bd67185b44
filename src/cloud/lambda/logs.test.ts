import { describe, expect, it } from "vitest";
import { lambdaWorld } from "./testing/lambda-world.ts";

describe("function logs", () => {
  it("captures init and handler console output with START / END / REPORT, searchable by text", async () => {
    using world = lambdaWorld([
      { name: "counter", handler: "counter-handler.ts#handler", coldStartMs: { minMs: 200, maxMs: 200 } },
    ]);
    const { sim, lambda } = world;
    const invoke = (id: string) => lambda.invoke({ functionName: "counter", event: { id }, trigger: "t" });
    const first = await sim.run(() => invoke("corr-1"));
    const second = await sim.run(() => invoke("corr-2"));
    if (first.kind !== "success" || second.kind !== "success") throw new Error("expected successes");
    const messages = lambda.logs.search({ functionName: "counter" }).map((e) => e.message);
    const id1 = first.requestId;
    expect(messages.slice(0, 6)).toEqual([
      "2025-01-01T00:00:00.000Z\tundefined\tINFO\tinit counter",
      `START RequestId: ${id1} Version: $LATEST`,
      `2025-01-01T00:00:00.200Z\t${id1}\tINFO\thandling corr-1`,
      `2025-01-01T00:00:00.200Z\t${id1}\tWARN\tcareful\rsecond line`,
      `END RequestId: ${id1}`,
      `REPORT RequestId: ${id1}\tDuration: 0.00 ms\tBilled Duration: 200 ms\tMemory Size: 128 MB\tMax Memory Used: ${
        /Max Memory Used: (\d+)/.exec(messages[5] ?? "")?.[1]
      } MB\tInit Duration: 200.00 ms\t`,
    ]);
    // A warm invocation has no Init Duration.
    expect(messages.at(-1)).not.toContain("Init Duration");
    expect(lambda.logs.search({ text: "corr-2" }).map((e) => e.requestId)).toEqual([second.requestId]);
    const streams = new Set(lambda.logs.all().map((e) => e.logStreamName));
    expect(streams.size).toBe(1);
    expect(lambda.logs.all()[0]?.logGroupName).toBe("/aws/lambda/counter");
  });

  it("leaves console and process.env alone outside handlers and after dispose", async () => {
    const info = console.info;
    const env = process.env;
    {
      using world = lambdaWorld([{ name: "counter", handler: "counter-handler.ts#handler" }]);
      expect(process.env).not.toBe(env);
      process.env.SQUALL_OUTSIDE_TEST = "1";
      expect(env.SQUALL_OUTSIDE_TEST).toBe("1");
      Reflect.deleteProperty(process.env, "SQUALL_OUTSIDE_TEST");
      await world.sim.run(() => world.lambda.invoke({ functionName: "counter", event: {}, trigger: "t" }));
    }
    expect(console.info).toBe(info);
    expect(process.env).toBe(env);
    expect(env.SQUALL_OUTSIDE_TEST).toBeUndefined();
  });
});
