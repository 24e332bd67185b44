import { defineConfig } from "../../src/public/index.ts";
import { inventoryApp, type Variant } from "./app.ts";
import {
  notifiedExactlyOnce,
  oneReservationPerOrder,
  reservedWithinStock,
  stockNeverNegative,
} from "./invariants.ts";
import { blackFriday, quietThenBusy, randomOrders, singleOrder } from "./scenarios.ts";
import { deliveredAgain, restocked, turnedAway } from "./sometimes.ts";

export default defineConfig({
  app: (variant) => inventoryApp(variant as Variant),
  variants: ["naive", "safe"],
  scenarios: {
    "single-order": singleOrder,
    "black-friday": blackFriday,
    "quiet-then-busy": quietThenBusy,
    orders: randomOrders,
  },
  invariants: [stockNeverNegative, oneReservationPerOrder, reservedWithinStock, notifiedExactlyOnce],
  sometimes: [turnedAway, deliveredAgain, restocked],
  seed: 1,
  // `squall explore` searches the orders scenario under at-least-once delivery.
  explore: {
    scenarios: ["orders"],
    faults: { sqs: { duplicateDeliveryProbability: 0.1, reorderWindowMs: 2_000 } },
    runs: 20,
  },
});
