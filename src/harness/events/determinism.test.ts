import { afterEach, describe, expect, it } from "vitest";
import { createSimulation, type Simulation } from "../../core/simulation.ts";
import { dynamodbStreamEvent } from "./dynamodb-stream.ts";
import { lambdaContext } from "./lambda-context.ts";
import { sqsEvent } from "./sqs.ts";

const sims: Simulation[] = [];
function sim(seed: number): Simulation {
  const s = createSimulation({ seed });
  sims.push(s);
  return s;
}
afterEach(() => {
  for (const s of sims.splice(0)) s.dispose();
});

describe("factories inside a Squall simulation", () => {
  const build = (s: Simulation) =>
    s.run(() => ({
      sqs: sqsEvent(["hello", { body: { a: 1 } }], { fifo: true }),
      stream: dynamodbStreamEvent([{ keys: { pk: "a" }, newImage: { pk: "a" } }]),
    }));

  it("draw ids and timestamps from the seed, so the same seed gives the same events", async () => {
    const a = await build(sim(7));
    const b = await build(sim(7));
    const c = await build(sim(8));
    expect(a).toStrictEqual(b);
    expect(c.sqs.Records[0]?.messageId).not.toBe(a.sqs.Records[0]?.messageId);
    expect(a.sqs.Records[0]?.attributes.SentTimestamp).toBe(String(Date.UTC(2025, 0, 1)));
  });

  it("count the context's remaining time down on virtual time", async () => {
    const remaining = await sim(1).run(async () => {
      const context = lambdaContext({ timeoutMs: 30_000 });
      await new Promise((resolve) => setTimeout(resolve, 12_000));
      return context.getRemainingTimeInMillis();
    });
    expect(remaining).toBe(18_000);
  });
});
