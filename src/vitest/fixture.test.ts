import path from "node:path";
import { describe, expect } from "vitest";
import { defineApp } from "../app/define-app.ts";
import { squallTest } from "./fixture.ts";
import { seedForTest } from "./seed.ts";

const app = defineApp({
  name: "fixture",
  root: path.join(import.meta.dirname, "../targets/sim"),
  tables: { Records: { partitionKey: { name: "id", type: "S" } } },
  functions: { record: { handler: "testing/handlers.ts#record", environment: { TABLE_NAME: "Records" } } },
});
const test = squallTest(app);

describe("squallTest", () => {
  test("gives each test a cloud seeded from its own identity", async ({ cloud, seed }) => {
    const file = path.relative(process.cwd(), import.meta.filename);
    expect(seed).toBe(
      seedForTest(file, "squallTest > gives each test a cloud seeded from its own identity", {}),
    );
    expect(cloud.sim.seed).toBe(seed);
    await cloud.invoke("record", { id: "f" });
    expect(await cloud.getItem("Records", { id: "f" })).toEqual({ id: "f", note: "direct" });
  });

  test("gives another test another seed", ({ seed }) => {
    expect(seed).not.toBe(
      seedForTest(
        path.relative(process.cwd(), import.meta.filename),
        "squallTest > gives each test a cloud seeded from its own identity",
        {},
      ),
    );
  });
});

describe("seedForTest", () => {
  test("is stable, differs between tests, and yields to SQUALL_SEED", () => {
    expect(seedForTest("a.test.ts", "x", {})).toBe(seedForTest("a.test.ts", "x", {}));
    expect(seedForTest("a.test.ts", "x", {})).not.toBe(seedForTest("a.test.ts", "y", {}));
    expect(seedForTest("a.test.ts", "x", { SQUALL_SEED: "42" })).toBe(42);
    expect(() => seedForTest("a.test.ts", "x", { SQUALL_SEED: "many" })).toThrow(
      /SQUALL_SEED must be a whole number/,
    );
  });
});
