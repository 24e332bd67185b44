// `squall run examples/planted/oversell` and `squall explore examples/planted/oversell` load this file.
export { default } from "./app.ts";
