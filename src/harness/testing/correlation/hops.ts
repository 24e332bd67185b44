import type { Hop, HopKind } from "../../../targets/target.ts";

// Hand-built hops for the correlation and choreography unit tests, shaped as Target.hops() returns them.

type HopFields = Partial<Omit<Hop, "id" | "kind" | "from" | "to">>;

/** One hop with sensible defaults: ok, 1 ms long, no causes, no ids, its own trace. */
export function hop(id: string, kind: HopKind, from: string, to: string, fields: HopFields = {}): Hop {
  const startMs = fields.startMs ?? 0;
  return {
    id,
    kind,
    from,
    to,
    status: "ok",
    causes: [],
    correlationIds: [],
    traceId: id,
    ...fields,
    startMs,
    endMs: "endMs" in fields ? fields.endMs : startMs + 1,
  };
}

/**
 * The inventory example's happy path for one order, carrying `id` everywhere: test → Orders →
 * reserveStock → (Inventory, Reservations) → Inventory stream → publishStockChange → StockEvents →
 * notifyShipping. Hop ids are `<p>1`…`<p>7`; times start at `atMs`.
 */
export function orderPath(id: string, p = "h", atMs = 1_000): Hop[] {
  const at = (ms: number) => atMs + ms;
  const trace = { traceId: `${p}1` };
  const ids = { correlationIds: [id] };
  return [
    hop(`${p}1`, "send", "test", "Orders", { ...trace, ...ids, startMs: at(0), endMs: at(2) }),
    hop(`${p}2`, "invocation", "Orders", "reserveStock", {
      ...trace,
      ...ids,
      via: "sqs",
      causes: [`${p}1`],
      startMs: at(10),
      endMs: at(60),
      requestId: `${p}-req-1`,
      attempt: 1,
      coldStart: true,
    }),
    hop(`${p}3`, "write", "reserveStock", "Inventory", {
      ...trace,
      ...ids,
      causes: [`${p}2`],
      startMs: at(20),
      endMs: at(25),
    }),
    hop(`${p}4`, "write", "reserveStock", "Reservations", {
      ...trace,
      ...ids,
      causes: [`${p}2`],
      startMs: at(30),
      endMs: at(35),
    }),
    hop(`${p}5`, "invocation", "Inventory", "publishStockChange", {
      ...trace,
      ...ids,
      via: "dynamodb-stream",
      causes: [`${p}3`],
      startMs: at(70),
      endMs: at(90),
      requestId: `${p}-req-2`,
      attempt: 1,
      coldStart: false,
    }),
    hop(`${p}6`, "publish", "publishStockChange", "StockEvents", {
      ...trace,
      ...ids,
      causes: [`${p}5`],
      startMs: at(80),
      endMs: at(82),
    }),
    hop(`${p}7`, "invocation", "StockEvents", "notifyShipping", {
      ...trace,
      ...ids,
      via: "sns",
      causes: [`${p}6`],
      startMs: at(100),
      endMs: at(120),
      requestId: `${p}-req-3`,
      attempt: 1,
      coldStart: true,
    }),
  ];
}

/** `hops` with the hop `id` changed by `change`. */
export function edit(hops: readonly Hop[], id: string, change: HopFields): Hop[] {
  if (!hops.some((h) => h.id === id)) throw new Error(`no hop ${id} to edit`);
  return hops.map((h) => (h.id === id ? { ...h, ...change } : h));
}

/** The inventory flow the tests check. */
export const INVENTORY_FLOW =
  "Orders → reserveStock → Inventory stream → publishStockChange → StockEvents → notifyShipping";
