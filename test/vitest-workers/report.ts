import { writeFileSync } from "node:fs";
import path from "node:path";

/** What one worker saw, written where workers.test.ts reads it (SQUALL_WORKERS_OUT). */
export type WorkerRecord = {
  kind: "seen" | "restored";
  file: string;
  pid: number;
  poolId: string | undefined;
} & Record<string, unknown>;

/** Writes one record as its own JSON file, so parallel workers never write the same file. */
export function report(kind: WorkerRecord["kind"], file: string, data: Record<string, unknown>): void {
  const out = process.env.SQUALL_WORKERS_OUT;
  if (out === undefined)
    throw new Error("SQUALL_WORKERS_OUT is not set: run this project from workers.test.ts");
  const record: WorkerRecord = { ...data, kind, file, pid: process.pid, poolId: process.env.VITEST_POOL_ID };
  writeFileSync(path.join(out, `${kind}-${path.basename(file)}-${process.pid}.json`), JSON.stringify(record));
}
