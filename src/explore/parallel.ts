import { Worker } from "node:worker_threads";
import { SquallError } from "../core/errors.ts";
import type { SearchOutcome, SearchSlice } from "./search.ts";

/**
 * Runs the slices of a search in worker threads, one slice each, and collects their outcomes.
 * `onProgress` gets the schedules and distinct failures summed over the workers so far.
 *
 * @example const outcomes = await searchInWorkers("/abs/squall.config.ts", slices, (n, f) => {});
 */
export async function searchInWorkers(
  configFile: string,
  slices: readonly SearchSlice[],
  onProgress?: (schedules: number, failures: number) => void,
): Promise<SearchOutcome[]> {
  const progress = slices.map(() => ({ schedules: 0, failures: 0 }));
  const report = () =>
    onProgress?.(
      progress.reduce((sum, p) => sum + p.schedules, 0),
      Math.max(0, ...progress.map((p) => p.failures)),
    );
  return Promise.all(
    slices.map(
      (slice, index) =>
        new Promise<SearchOutcome>((resolve, reject) => {
          const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url), {
            workerData: { configFile, slice },
          });
          worker.on(
            "message",
            (message: {
              kind: string;
              schedules: number;
              failures: number;
              outcome: SearchOutcome;
              message: string;
            }) => {
              if (message.kind === "progress") {
                progress[index] = { schedules: message.schedules, failures: message.failures };
                report();
              } else if (message.kind === "done") {
                resolve(message.outcome);
                void worker.terminate();
              } else reject(new SquallError(`explore worker ${index + 1}: ${message.message}`));
            },
          );
          worker.on("error", (error) => reject(error));
          worker.on("exit", (code) => {
            if (code !== 0) reject(new SquallError(`explore worker ${index + 1} exited with code ${code}`));
          });
        }),
    ),
  );
}
