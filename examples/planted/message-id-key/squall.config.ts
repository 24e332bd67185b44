// `squall run examples/planted/message-id-key` and `squall explore examples/planted/message-id-key` load this file.
export { default } from "./app.ts";
