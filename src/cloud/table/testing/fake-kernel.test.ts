import { describe, expect, it } from "vitest";
import { FakeKernel } from "./fake-kernel.ts";

describe("FakeKernel", () => {
  it("draws the same values for the same seed and records them", () => {
    const a = new FakeKernel({ seed: 5 });
    const b = new FakeKernel({ seed: 5 });
    const drawsA = [1, 2, 3].map(() => a.nextInt("x", 1000));
    const drawsB = [1, 2, 3].map(() => b.nextInt("x", 1000));
    expect(drawsA).toEqual(drawsB);
    expect(a.draws.map((d) => d.label)).toEqual(["x", "x", "x"]);
    expect(new FakeKernel({ seed: 6 }).nextInt("x", 1000)).not.toBe(drawsA[0]);
  });

  it("runs scheduled actions in time order when advanced, and honours cancellation", () => {
    const kernel = new FakeKernel({ nowMs: 0 });
    const ran: string[] = [];
    kernel.schedule(20, "late", () => ran.push(`late@${kernel.nowMs()}`));
    kernel.schedule(10, "early", () => ran.push(`early@${kernel.nowMs()}`));
    const cancel = kernel.schedule(15, "cancelled", () => ran.push("cancelled"));
    cancel();
    kernel.advance(15);
    expect(ran).toEqual(["early@10"]);
    kernel.advance(10);
    expect(ran).toEqual(["early@10", "late@20"]);
    expect(kernel.nowMs()).toBe(25);
  });

  it("makes version-4 shaped uuids", () => {
    expect(new FakeKernel().uuid("id")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
