// `squall run examples/planted/ack-before-commit` and `squall explore examples/planted/ack-before-commit` load this file.
export { default } from "./app.ts";
