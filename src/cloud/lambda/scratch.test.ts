import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { createSimulation } from "../../core/simulation.ts";

it("scratch", async () => {
  const sim = createSimulation({ seed: 1 });
  const url = pathToFileURL(`${import.meta.dirname}/testing/scratch-handler.ts`).href;
  const out = await sim.run(async () => {
    const a = (await sim.awaitReal("x", import(`${url}?squall-env=1`))) as { handler: () => Promise<unknown> };
    const b = (await sim.awaitReal("x", import(`${url}?squall-env=2`))) as { handler: () => Promise<unknown> };
    return [await a.handler(), await a.handler(), await b.handler()];
  });
  console.log(JSON.stringify(out), Date.now());
  sim.dispose();
  expect(1).toBe(1);
});
