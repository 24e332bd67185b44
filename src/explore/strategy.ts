import { randomSelector, type Selector } from "../core/selector.ts";

/** The scheduling strategies a search can use by name. */
export type StrategyName = "random" | "fifo";

/**
 * The selector of a strategy, as an options fragment (`fifo` is the kernel's default: none).
 *
 * @example runSchedule({ ...schedule, ...selectorFor("random") })
 */
export function selectorFor(strategy: StrategyName): { selector?: Selector } {
  return strategy === "fifo" ? {} : { selector: randomSelector };
}
