import type { EventBridgeEvent } from "aws-lambda";
import { type FactoryOptions, resolveOptions } from "./options.ts";

/** Options of {@link eventBridgeEvent}; any envelope field given here wins over the default. */
export interface EventBridgeEventOptions extends FactoryOptions {
  /** Default "squall.test". */
  source?: string;
  /** Default: a uuid from the id source. */
  id?: string;
  /** Default: the current time, ISO 8601 without milliseconds, as EventBridge writes it. */
  time?: string;
  /** Default `[]`. */
  resources?: string[];
  /** Present only on events an archive replays. */
  "replay-name"?: string;
}

/**
 * Builds an EventBridge event as a rule target (Lambda) receives it: `version` "0", a uuid `id`,
 * `source`, `account`, `time`, `region`, `resources` and the `detail` as an object.
 *
 * @example
 * const event = eventBridgeEvent("StockChanged", { sku: "A1", qty: 2 }, { source: "inventory" });
 */
export function eventBridgeEvent<TDetailType extends string, TDetail>(
  detailType: TDetailType,
  detail: TDetail,
  options: EventBridgeEventOptions = {},
): EventBridgeEvent<TDetailType, TDetail> {
  const { ids, nowMs, region, accountId } = resolveOptions(options);
  return {
    version: "0",
    id: options.id ?? ids(),
    "detail-type": detailType,
    source: options.source ?? "squall.test",
    account: accountId,
    time: options.time ?? new Date(nowMs()).toISOString().replace(/\.\d{3}Z$/, "Z"),
    region,
    resources: options.resources ?? [],
    detail,
    ...(options["replay-name"] === undefined ? {} : { "replay-name": options["replay-name"] }),
  };
}
