// `squall run examples/planted/duplicate-delivery` and `squall explore examples/planted/duplicate-delivery` load this file.
export { default } from "./app.ts";
