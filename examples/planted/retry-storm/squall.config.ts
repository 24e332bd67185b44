// `squall run examples/planted/retry-storm` and `squall explore examples/planted/retry-storm` load this file.
export { default } from "./app.ts";
