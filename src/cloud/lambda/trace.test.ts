import { describe, expect, it } from "vitest";
import { ScopeRegistry } from "./scope.ts";
import { lambdaWorld } from "./testing/lambda-world.ts";

describe("tracing", () => {
  it("runs an invocation in an invocation span linked from its caller, with init as a child on a cold start", async () => {
    using world = lambdaWorld([{ name: "counter", handler: "counter-handler.ts#handler" }]);
    const { sim, lambda } = world;
    const caller = sim.trace.start({ kind: "sdk-call", name: "Lambda.Invoke", atMs: sim.nowMs() });
    await sim.run(() => sim.withSpan(caller.id, () => lambda.handle("Invoke", { FunctionName: "counter" })));
    const invocation = sim.trace.all().find((s) => s.kind === "invocation");
    expect(invocation).toMatchObject({
      name: "counter",
      parentId: undefined,
      links: [caller.id],
      status: "ok",
    });
    expect(invocation?.attributes).toMatchObject({ function: "counter", trigger: "invoke", coldStart: true });
    const init = sim.trace.children(invocation?.id ?? "");
    expect(init.map((s) => [s.kind, s.name])).toEqual([["internal", "counter.init"]]);
  });
});

describe("ScopeRegistry", () => {
  it("finds the scope of the nearest registered ancestor span", () => {
    const registry = new ScopeRegistry();
    const environment = { variables: new Map(), frozen: false, log: () => {} };
    registry.register("s2", { environment, requestId: "r" });
    const parents: Record<string, string> = { s4: "s3", s3: "s2", s2: "s1" };
    expect(registry.lookup("s4", (id) => parents[id])?.requestId).toBe("r");
    expect(registry.lookup("s1", (id) => parents[id])).toBeUndefined();
    registry.unregister("s2");
    expect(registry.lookup("s4", (id) => parents[id])).toBeUndefined();
  });
});
