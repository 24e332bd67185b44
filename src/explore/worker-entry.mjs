// A search worker thread. Squall runs from TypeScript sources through tsx, and worker threads do
// not inherit the loader the CLI registered, so each worker registers it before loading the code.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
