// `squall run examples/planted/throttled-retry` and `squall explore examples/planted/throttled-retry` load this file.
export { default } from "./app.ts";
