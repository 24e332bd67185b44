// `squall run examples/planted/wrong-batch-id` and `squall explore examples/planted/wrong-batch-id` load this file.
export { default } from "./app.ts";
