import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { simulate } from "../../src/public/index.ts";
import { app } from "./app.ts";
import { putStock, reserve } from "./reserve.ts";

/** Options of {@link runReservations}. */
export interface ReservationsOptions {
  readonly seed: number;
  readonly mode?: "fast" | "wire";
  /** How many orders compete for the stock. */
  readonly orders?: number;
  /** Units in stock at the start. */
  readonly stock?: number;
  /** Deliveries per order: 2 or more models an at-least-once queue redelivering each order. */
  readonly deliveriesPerOrder?: number;
}

/** What a run of the scenario produced. */
export interface ReservationsSummary {
  readonly outcomes: Record<string, number>;
  readonly stockLeft: number;
  readonly reservationRows: number;
  readonly streamRecords: number;
  readonly sdkCalls: number;
  readonly virtualMs: number;
  readonly fingerprint: string;
}

/**
 * Orders race for limited stock, each delivered more than once, all at the same virtual moment;
 * the handler must reserve each order once and never oversell.
 *
 * @example
 * const summary = await runReservations({ seed: 1, orders: 20, stock: 15 });
 */
export async function runReservations(options: ReservationsOptions): Promise<ReservationsSummary> {
  const orders = options.orders ?? 20;
  const stock = options.stock ?? Math.floor(orders * 0.75);
  const deliveries = options.deliveriesPerOrder ?? 2;
  const cloud = await simulate(app, { seed: options.seed, sdkMode: options.mode ?? "fast" });
  try {
    const results = await cloud.run(async () => {
      await putStock("widget", stock);
      const attempts = Array.from({ length: orders * deliveries }, (_, i) =>
        reserve({ orderId: `o${i % orders}`, sku: "widget", quantity: 1 }),
      );
      return Promise.all(attempts);
    });
    await cloud.runUntilIdle();
    const outcomes: Record<string, number> = {};
    for (const r of results) outcomes[r] = (outcomes[r] ?? 0) + 1;
    const rows = cloud.scanTable("Stock").map((item) => unmarshall(item as Record<string, AttributeValue>));
    return {
      outcomes,
      stockLeft: Number(rows.find((row) => row.sk === "STOCK")?.available),
      reservationRows: rows.filter((row) => String(row.sk).startsWith("ORDER#")).length,
      streamRecords: cloud.streamRecords("Stock").length,
      sdkCalls: cloud.sim.trace.all().filter((s) => s.kind === "sdk-call").length,
      virtualMs: cloud.sim.elapsedMs(),
      fingerprint: cloud.sim.trace.fingerprint(),
    };
  } finally {
    cloud.dispose();
  }
}
