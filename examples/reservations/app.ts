import { defineApp } from "../../src/public/index.ts";

/**
 * A small stock-reservation system: one table holds each product's stock and the reservations
 * made against it, with a stream for whatever reacts to them.
 */
export const app = defineApp({
  name: "reservations",
  tables: {
    Stock: {
      partitionKey: { name: "pk", type: "S" },
      sortKey: { name: "sk", type: "S" },
      stream: "NEW_AND_OLD_IMAGES",
      ttlAttribute: "expiresAt",
    },
  },
});
