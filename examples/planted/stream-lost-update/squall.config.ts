// `squall run examples/planted/stream-lost-update` and `squall explore examples/planted/stream-lost-update` load this file.
export { default } from "./app.ts";
