import { squallTest } from "squall/vitest";
import { expect } from "vitest";
import { app } from "./app.ts";
import { report } from "./report.ts";

/** The one test every worker spec runs: it records the names its worker sees. */
export function recordWhatThisWorkerSees(file: string): void {
  const test = squallTest(app);
  test("sees its worker's names in process.env and in the simulation", async ({ cloud, namePrefix }) => {
    // The handler writes to process.env.TABLE_NAME as the simulated Lambda sets it.
    await cloud.invoke("record", { id: "x" });
    expect(await cloud.getItem("Records", { id: "x" })).toEqual({ id: "x", note: "direct" });
    const names = ["TABLE_NAME", "ORDERS_URL", "EVENTS"];
    report("seen", file, {
      namePrefix,
      env: Object.fromEntries(
        Object.entries(process.env).filter(([k]) => k.startsWith("SQUALL_") || names.includes(k)),
      ),
      sim: {
        table: cloud.tableName("Records"),
        orders: cloud.names.queueUrl("Orders.fifo"),
        events: cloud.names.arn("Events"),
      },
    });
  });
}
