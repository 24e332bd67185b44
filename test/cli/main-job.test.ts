import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { squall } from "./squall-cli.js";

// The README's main job, `npm start`: `squall explore examples/inventory`.
describe("squall explore examples/inventory", () => {
  it("finds the naive variant's duplicate reservation, shrinks it to one order, and the README shows that run", () => {
    const search = squall("explore", "examples/inventory", "--json");
    expect(search.status).toBe(1);
    const [naive, safe] = JSON.parse(search.stdout) as {
      variant: string;
      failures: {
        signature: string;
        replay: string;
        exact: boolean;
        minimal: boolean;
        violations: { message: string }[];
      }[];
    }[];
    expect(safe?.failures).toEqual([]);
    const duplicate = naive?.failures.find((f) => f.signature === "exactly one reservation per order id");
    expect(duplicate?.exact).toBe(true);
    expect(duplicate?.minimal).toBe(true);
    expect(duplicate?.violations.map((v) => v.message)).toEqual(["order order-1 has 2 reservations"]);
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toContain(`  replay: ${duplicate?.replay}\n`);

    const replay = squall(...(duplicate?.replay ?? "").split(" ").slice(1));
    expect(replay.status).toBe(1);
    expect(replay.stdout).toMatch(/⚡ sqs\.duplicateDelivery Orders/);
    expect(replay.stdout).toMatch(/test SQS\.SendMessage Orders\n/);
    // The replay stops where the search's story did, as the README shows it.
    const stopped = /■ stopped after step \d+ \(\S+\) at \+\d+ ms, in the \w+ phase/.exec(replay.stdout)?.[0];
    expect(readme).toContain(`  ${stopped}\n`);
  });

  it("tells the seed's story under --faults chaos: a crash after the writes, a redelivery, a second reservation", () => {
    const search = squall("explore", "examples/inventory", "--variant", "naive", "--faults", "chaos");
    expect(search.status).toBe(1);
    expect(search.stdout).toMatch(/⚡ lambda\.crashAfterSideEffect reserveStock\n/);
    expect(search.stdout).toMatch(/▶ reserveStock \(via sqs, attempt 2/);
    expect(search.stdout).toMatch(/✗ exactly one reservation per order id: order order-1 has 2 reservations/);
  });
});
