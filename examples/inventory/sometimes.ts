import type { Sometimes } from "../../src/public/index.ts";

// States a fault search of the inventory should reach now and then: were none reached, a green
// search would not have tested what these stories need.

export const turnedAway: Sometimes = {
  name: "an order turned away for stock",
  async reached({ target }) {
    return (await target.logs({ functionName: "reserveStock", contains: "out of stock" })).length > 0;
  },
};

export const deliveredAgain: Sometimes = {
  name: "an order retried by reserveStock",
  async reached({ target }) {
    return (await target.hops()).some((h) => h.to === "reserveStock" && (h.attempt ?? 1) > 1);
  },
};

export const restocked: Sometimes = {
  name: "a low-stock reorder placed",
  async reached({ target }) {
    return (await target.hops()).some((h) => h.kind === "invocation" && h.to === "reorder");
  },
};
