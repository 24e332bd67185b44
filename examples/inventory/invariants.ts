import type { DocumentItem, Invariant } from "../../src/public/index.ts";

function groupBy(items: readonly DocumentItem[], key: string): Map<unknown, DocumentItem[]> {
  const groups = new Map<unknown, DocumentItem[]>();
  for (const item of items) {
    const group = groups.get(item[key]);
    if (group === undefined) groups.set(item[key], [item]);
    else group.push(item);
  }
  return groups;
}

export const stockNeverNegative: Invariant = {
  name: "stock never below zero",
  // Checked at every step the Inventory stream recorded, not only in the final state.
  async check({ target }) {
    const negative = (await target.tableChanges("Inventory")).filter(
      (c) => (c.newImage?.stock as number) < 0,
    );
    return negative.map((change) => ({
      message: `${String(change.keys.sku)} went to stock ${String(change.newImage?.stock)}`,
      items: [change.newImage],
    }));
  },
};

export const oneReservationPerOrder: Invariant = {
  name: "exactly one reservation per order id",
  // Also after every step: a search stops at the write that broke it.
  checkEveryStep: true,
  async check({ target }) {
    const byOrder = groupBy(await target.scan("Reservations"), "orderId");
    return [...byOrder]
      .filter(([, reservations]) => reservations.length > 1)
      .map(([orderId, reservations]) => ({
        message: `order ${String(orderId)} has ${reservations.length} reservations`,
        items: reservations,
      }));
  },
};

export const reservedWithinStock: Invariant = {
  name: "reserved total never above initial stock",
  async check({ target }) {
    const bySku = groupBy(await target.scan("Reservations"), "sku");
    const violations = [];
    for (const item of await target.scan("Inventory")) {
      const reservations = bySku.get(item.sku) ?? [];
      const reserved = reservations.reduce((sum, r) => sum + (r.qty as number), 0);
      if (reserved > (item.initialStock as number))
        violations.push({
          message: `${String(item.sku)}: ${reserved} reserved of ${String(item.initialStock)} in stock`,
          items: reservations,
        });
    }
    return violations;
  },
};

export const notifiedExactlyOnce: Invariant = {
  name: "every accepted order notified exactly once downstream",
  async check({ target }) {
    const notifications = groupBy(await target.scan("Notifications"), "orderId");
    const accepted = new Set((await target.scan("Reservations")).map((r) => r.orderId));
    const violations = [];
    for (const orderId of accepted) {
      const count = notifications.get(orderId)?.length ?? 0;
      if (count !== 1)
        violations.push({
          message: `order ${String(orderId)} notified ${count} times`,
          items: notifications.get(orderId) ?? [],
        });
    }
    return violations;
  },
};
