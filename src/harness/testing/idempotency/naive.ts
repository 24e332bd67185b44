import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { type Order, type Reservation, reserve } from "./reserve.ts";

/** Reserves on every call: a repeated order reserves again and answers a new reservation id. */
export async function reserveOrder(order: Order): Promise<Reservation> {
  return reserve(order);
}

/** Reserves every message of a batch, however often it was delivered before. */
export async function reserveBatch(event: SQSEvent): Promise<SQSBatchResponse> {
  for (const record of event.Records) await reserve(JSON.parse(record.body) as Order);
  return { batchItemFailures: [] };
}
