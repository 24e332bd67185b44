import { pctSelector } from "../core/pct-selector.ts";
import { randomSelector, type Selector } from "../core/selector.ts";

/** The scheduling strategies a search can use by name. */
export type StrategyName = "random" | "pct" | "fifo";

/** PCT's parameters: the bug depth it targets and the scheduling decisions a run makes at most. */
export interface PctOptions {
  /** Default 2: one ordering constraint between two tasks (most lost updates). */
  readonly depth?: number;
  /** Default 500: the inventory's runs make 100–250 decisions. */
  readonly maxSteps?: number;
}

/**
 * The selector of a strategy, as an options fragment (`fifo` is the kernel's default: none). A
 * PCT selector keeps its state per run, so one instance serves every schedule of a search.
 *
 * @example runSchedule({ ...schedule, ...selectorFor("pct", { depth: 3 }) })
 */
export function selectorFor(strategy: StrategyName, pct: PctOptions = {}): { selector?: Selector } {
  if (strategy === "fifo") return {};
  if (strategy === "pct")
    return { selector: pctSelector({ depth: pct.depth ?? 2, maxSteps: pct.maxSteps ?? 500 }) };
  return { selector: randomSelector };
}
