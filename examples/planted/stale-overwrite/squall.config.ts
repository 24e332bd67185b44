// `squall run examples/planted/stale-overwrite` and `squall explore examples/planted/stale-overwrite` load this file.
export { default } from "./app.ts";
