import { squallWorkerSetup } from "squall/vitest";
import { afterAll } from "vitest";
import { app } from "./app.ts";
import { report } from "./report.ts";

const before = { ...process.env };
// Registered before squallWorkerSetup's own afterAll, so it runs after it (after-hooks run in
// reverse order): it sees process.env as the setup left it.
// biome-ignore lint/correctness/noEmptyPattern: Vitest reads a hook's fixtures from this pattern.
afterAll(({}, suite) => {
  const left = Object.keys(isolation.variables).filter((key) => process.env[key] !== before[key]);
  report("restored", suite.file.filepath, { left, tableName: process.env.TABLE_NAME ?? null });
});
const isolation = squallWorkerSetup(app);
