import { counterConfig } from "./config.ts";

// The counter as a squall.config.ts, for the CLI's explore and replay tests.
export default {
  ...counterConfig,
  explore: { faults: { sqs: { duplicateDeliveryProbability: 0.5 } }, runs: 4 },
};
