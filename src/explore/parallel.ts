import { Worker } from "node:worker_threads";
import { SquallError } from "../core/errors.ts";
import {
  mergeCoverage,
  mergeFailures,
  mergeReached,
  type SearchOutcome,
  type SearchSlice,
} from "./search.ts";

// Node never unloads a module, so a handler file left to Node's loader (see handlerModuleFactory)
// costs a module per execution environment and a long search grows without bound. A worker that
// has imported any and run this many schedules hands over to a fresh one, and its memory goes with
// it; compiled handler files keep memory flat, and their worker runs on.
export const SCHEDULES_PER_WORKER = 400;

type WorkerMessage =
  | { kind: "progress"; schedules: number; failures: number }
  | { kind: "done"; outcome: SearchOutcome }
  | { kind: "error"; message: string };

/**
 * Runs the slices of a search in worker threads, one slice each (a slice passes from a worker to
 * a fresh one every few hundred schedules), and collects their outcomes. `onProgress` gets the
 * schedules and distinct failures summed over the workers so far.
 *
 * @example const outcomes = await searchInWorkers("/abs/squall.config.ts", slices, (n, f) => {});
 */
export async function searchInWorkers(
  configFile: string,
  slices: readonly SearchSlice[],
  onProgress?: (schedules: number, failures: number) => void,
  schedulesPerWorker = SCHEDULES_PER_WORKER,
): Promise<SearchOutcome[]> {
  const progress = slices.map(() => ({ schedules: 0, failures: 0 }));
  const report = () =>
    onProgress?.(
      progress.reduce((sum, p) => sum + p.schedules, 0),
      Math.max(0, ...progress.map((p) => p.failures)),
    );
  return Promise.all(
    slices.map((slice, index) =>
      searchSliceInWorkers(configFile, slice, index, schedulesPerWorker, (p) => {
        progress[index] = p;
        report();
      }),
    ),
  );
}

async function searchSliceInWorkers(
  configFile: string,
  slice: SearchSlice,
  index: number,
  schedulesPerWorker: number,
  onProgress: (progress: { schedules: number; failures: number }) => void,
): Promise<SearchOutcome> {
  const startedMs = performance.now();
  const parts: SearchOutcome[] = [];
  const done = () => parts.reduce((sum, part) => sum + part.schedules, 0);
  let next: number | undefined = slice.offset;
  while (next !== undefined) {
    const leftMs =
      slice.timeMs === undefined ? undefined : Math.max(0, slice.timeMs - (performance.now() - startedMs));
    const part: SearchOutcome = await runWorker(
      configFile,
      {
        ...slice,
        offset: next,
        maxSchedules: schedulesPerWorker,
        ...(leftMs === undefined ? {} : { timeMs: leftMs }),
      },
      index,
      (schedules, failures) => onProgress({ schedules: done() + schedules, failures }),
    );
    parts.push(part);
    next = part.nextIndex;
  }
  return {
    schedules: done(),
    nextIndex: undefined,
    coverage: mergeCoverage(parts),
    reached: mergeReached(parts),
    failures: mergeFailures(parts),
    searchMs: performance.now() - startedMs,
  };
}

function runWorker(
  configFile: string,
  slice: SearchSlice,
  index: number,
  onProgress: (schedules: number, failures: number) => void,
): Promise<SearchOutcome> {
  return new Promise<SearchOutcome>((resolve, reject) => {
    const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url), {
      workerData: { configFile, slice },
    });
    worker.on("message", (message: WorkerMessage) => {
      if (message.kind === "progress") onProgress(message.schedules, message.failures);
      else if (message.kind === "done") {
        resolve(message.outcome);
        void worker.terminate();
      } else reject(new SquallError(`explore worker ${index + 1}: ${message.message}`));
    });
    worker.on("error", (error) => reject(error));
    worker.on("exit", (code) => {
      if (code !== 0) reject(new SquallError(`explore worker ${index + 1} exited with code ${code}`));
    });
  });
}
