// `squall run examples/planted/ttl-vs-visibility` and `squall explore examples/planted/ttl-vs-visibility` load this file.
export { default } from "./app.ts";
