// `squall run examples/planted/parallel-close` and `squall explore examples/planted/parallel-close` load this file.
export { default } from "./app.ts";
