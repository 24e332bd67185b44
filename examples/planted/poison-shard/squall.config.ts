// `squall run examples/planted/poison-shard` and `squall explore examples/planted/poison-shard` load this file.
export { default } from "./app.ts";
