import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import type { SquallConfig } from "../targets/scenario.ts";
import { type SearchSlice, searchSlice } from "./search.ts";

// One worker: imports the config itself (apps and handlers cannot cross threads; the main thread
// has already checked it), searches its slice, and posts progress and the outcome back.
const { configFile, slice } = workerData as { configFile: string; slice: SearchSlice };
const port = parentPort;
if (port === null) throw new Error("src/explore/worker.ts runs only as a worker thread");
try {
  const config = ((await import(pathToFileURL(configFile).href)) as { default: SquallConfig }).default;
  const outcome = await searchSlice(config, slice, (schedules, failures) =>
    port.postMessage({ kind: "progress", schedules, failures }),
  );
  port.postMessage({ kind: "done", outcome });
} catch (error) {
  port.postMessage({
    kind: "error",
    message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  });
}
