import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runReservations } from "../../examples/reservations/scenario.ts";

const run = promisify(execFile);

async function inChildProcess(seed: number): Promise<unknown> {
  const { stdout } = await run(process.execPath, [
    "--import",
    "tsx",
    "test/determinism/fingerprint-cli.ts",
    String(seed),
  ]);
  return JSON.parse(stdout);
}

describe("determinism", () => {
  it("gives the same trace fingerprint for the same seed, in this process and in two others", async () => {
    const here = await runReservations({ seed: 11, orders: 12 });
    const again = await runReservations({ seed: 11, orders: 12 });
    expect(again).toEqual(here);
    const [first, second] = await Promise.all([inChildProcess(11), inChildProcess(11)]);
    expect(first).toEqual(here);
    expect(second).toEqual(here);
  });

  it("gives different schedules for different seeds where the scenario has choices", async () => {
    const fingerprints = new Set<string>();
    for (let seed = 1; seed <= 5; seed++)
      fingerprints.add((await runReservations({ seed, orders: 12 })).fingerprint);
    expect(fingerprints.size).toBe(5);
  });

  it("never oversells or reserves an order twice, whatever the seed", async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const summary = await runReservations({ seed, orders: 12, stock: 9 });
      expect(summary.reservationRows).toBe(9);
      expect(summary.stockLeft).toBe(0);
      expect(summary.outcomes.reserved).toBe(9);
    }
  });
});
