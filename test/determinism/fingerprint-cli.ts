// Prints the trace fingerprint of the reservations scenario for a seed, so a test can compare
// fingerprints computed in separate processes.
import { runReservations } from "../../examples/reservations/scenario.ts";

const seed = Number(process.argv[2] ?? "1");
const mode = process.argv[3] === "wire" ? "wire" : "fast";
const summary = await runReservations({ seed, mode, orders: 12 });
process.stdout.write(`${JSON.stringify(summary)}\n`);
