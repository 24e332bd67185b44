// Runs the Vitest project beside this file in a child process, with three parallel workers, and
// checks what each worker saw: its own prefix derived from the PR, process.env and the simulation
// agreeing on every name, no two workers sharing a name, and process.env restored afterwards.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { WorkerRecord } from "./report.ts";

const projectRoot = path.join(import.meta.dirname, "../..");
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The environment of a plain shell: no CI, Vitest or Squall variables of the run around us. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(GITHUB_|CI_|BUILDKITE|CIRCLE|SQUALL_|VITEST)/.test(key),
    ),
  );
  return { ...env, ...extra };
}

async function runWorkers(extra: Record<string, string>) {
  const out = mkdtempSync(path.join(tmpdir(), "squall-workers-"));
  dirs.push(out);
  const args = ["node_modules/vitest/vitest.mjs", "run", "--config", "test/vitest-workers/vitest.config.ts"];
  const result = await new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: projectRoot, env: cleanEnv({ ...extra, SQUALL_WORKERS_OUT: out }), timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), output: stdout + stderr }),
    );
  });
  const records = readdirSync(out).map(
    (name) => JSON.parse(readFileSync(path.join(out, name), "utf8")) as WorkerRecord,
  );
  return { ...result, records };
}

interface Seen extends WorkerRecord {
  namePrefix: string;
  env: Record<string, string>;
  sim: { table: string; orders: string; events: string };
}

describe("per-worker isolation with several Vitest workers", () => {
  it("gives each worker its own PR-derived prefix, the same in process.env and the simulation", async () => {
    const { code, output, records } = await runWorkers({
      GITHUB_REF: "refs/pull/42/merge",
      TABLE_NAME: "outer-table",
    });
    expect(code, output).toBe(0);
    const seen = records.filter((r): r is Seen => r.kind === "seen");
    expect(seen.map((r) => path.basename(r.file)).sort()).toEqual([
      "a.worker-spec.ts",
      "b.worker-spec.ts",
      "c.worker-spec.ts",
    ]);
    for (const r of seen) {
      const prefix = r.namePrefix;
      expect(prefix).toBe(`pr-42-w${r.poolId}`);
      expect(r.env.SQUALL_NAME_PREFIX).toBe(prefix);
      expect(r.env.SQUALL_TABLE_RECORDS).toBe(`${prefix}-Records`);
      expect(r.env.SQUALL_QUEUE_ORDERS_FIFO).toBe(`${prefix}-Orders.fifo`);
      // The function's own variables, as the deployed function and the simulated one see them.
      expect(r.env.TABLE_NAME).toBe(`${prefix}-Records`);
      expect(r.env.ORDERS_URL).toBe(`https://sqs.us-east-1.amazonaws.com/000000000000/${prefix}-Orders.fifo`);
      expect(r.sim).toEqual({ table: r.env.TABLE_NAME, orders: r.env.ORDERS_URL, events: r.env.EVENTS });
    }
    // Workers that ran side by side never share a prefix, so never a resource name.
    const workers = new Set(seen.map((r) => r.poolId));
    expect(workers.size).toBeGreaterThanOrEqual(2);
    expect(new Set(seen.map((r) => r.env.TABLE_NAME)).size).toBe(workers.size);

    const restored = records.filter((r) => r.kind === "restored");
    expect(restored).toHaveLength(3);
    for (const r of restored) {
      expect(r.left).toEqual([]);
      expect(r.tableName).toBe("outer-table");
    }
  });

  it("stops the run before any test when SQUALL_STACK_PREFIX is invalid", async () => {
    const { code, output, records } = await runWorkers({ SQUALL_STACK_PREFIX: "feature/login" });
    expect(code).not.toBe(0);
    expect(output).toContain('SQUALL_STACK_PREFIX "feature/login" cannot begin resource names');
    expect(records).toEqual([]);
  });
});
