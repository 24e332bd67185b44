import { SquallError } from "../core/errors.ts";
import type { Hop, Target } from "../targets/target.ts";
import { budgetFinding, percentileFinding, timePath } from "./choreography-budget.ts";
import { type ChoreographyFinding, checkPath } from "./choreography-check.ts";
import { ChoreographyError } from "./choreography-error.ts";
import { type Flow, type FlowChain, toFlow } from "./choreography-flow.ts";
import { isHops } from "./correlation.ts";
import { HopGraph, idList, pathIn, rootCorrelationIds } from "./correlation-path.ts";

/** Options of {@link checkChoreography} and {@link expectChoreography}. */
export interface ChoreographyOptions {
  /**
   * The ids whose paths to check. Default: every id the run started with (carried by hops that
   * nothing caused, such as the test's sends through {@link correlate}).
   */
  readonly correlationId?: string | readonly string[];
  /** Every hop of a path must be declared; by default only undeclared hops into a declared node fail. */
  readonly strict?: boolean;
  /** Time budget end to end: from the first declared hop's start to the last one's end, in target time. */
  readonly withinMs?: number;
  /** Check the budget on this percentile of the ids' durations (e.g. 99) instead of on every id. */
  readonly percentile?: number;
}

/** What a choreography check saw: the findings, and each id's path and duration. */
export interface ChoreographyReport {
  readonly flow: Flow;
  readonly correlationIds: readonly string[];
  readonly findings: readonly ChoreographyFinding[];
  /** Each id's path: the hops carrying it and their causal descendants, in start order. */
  readonly paths: ReadonlyMap<string, readonly Hop[]>;
  /** Each id's end-to-end duration over the flow's hops, when every one of them ended. */
  readonly durationsMs: ReadonlyMap<string, number>;
}

/**
 * Checks the hops each correlation id took against a declared flow: missing, duplicated,
 * forbidden (`never`) and unexpected hops, and the time budget — per id, or as a percentile
 * over many ids under load. Returns the report; {@link expectChoreography} throws on findings.
 *
 * @example
 * const report = checkChoreography(hops, "Orders → reserveStock → Inventory stream", { correlationId: "corr-1" });
 * expect(report.findings).toEqual([]);
 */
export function checkChoreography(
  hops: readonly Hop[],
  flow: Flow | FlowChain,
  options: ChoreographyOptions = {},
): ChoreographyReport {
  validate(options);
  const parsed = toFlow(flow);
  const graph = new HopGraph(hops);
  const roots = rootCorrelationIds(hops);
  const correlationIds = idList(options.correlationId) ?? roots;
  const findings: ChoreographyFinding[] = [];
  const paths = new Map<string, readonly Hop[]>();
  const durationsMs = new Map<string, number>();
  if (correlationIds.length === 0) findings.push(noIds());
  for (const id of correlationIds) {
    const path = pathIn(graph, id);
    paths.set(id, path);
    if (path.length === 0) {
      findings.push(noPath(id, roots));
      continue;
    }
    const checked = checkPath(path, parsed, id, options.strict === true);
    findings.push(...checked.findings);
    const timing = timePath(checked.flowHops);
    if (timing !== undefined && "durationMs" in timing) durationsMs.set(id, timing.durationMs);
    if (options.withinMs === undefined) continue;
    const origin = path[0]?.startMs ?? 0;
    const budget = budgetFinding(id, timing, options.withinMs, origin);
    if (budget !== undefined && (options.percentile === undefined || budget.kind === "unfinished"))
      findings.push(budget);
  }
  if (options.withinMs !== undefined && options.percentile !== undefined) {
    const budget = percentileFinding(durationsMs, options.percentile, options.withinMs);
    if (budget !== undefined) findings.push(budget);
  }
  return { flow: parsed, correlationIds, findings, paths, durationsMs };
}

/**
 * {@link checkChoreography} as an assertion, on a target's hops (read after the run settles) or
 * on hops: throws a {@link ChoreographyError} listing every discrepancy and printing the actual
 * path of the ids concerned; resolves with the report otherwise.
 *
 * @example
 * const { correlationId } = await correlate(target).send("Orders", JSON.stringify(order));
 * await target.settle();
 * await expectChoreography(
 *   target,
 *   "Orders → reserveStock → Inventory stream → publishStockChange → StockEvents → notifyShipping",
 *   { correlationId, withinMs: 5_000 },
 * );
 */
export async function expectChoreography(
  source: Target | readonly Hop[],
  flow: Flow | FlowChain,
  options: ChoreographyOptions = {},
): Promise<ChoreographyReport> {
  const hops = isHops(source) ? source : await source.hops();
  const report = checkChoreography(hops, flow, options);
  if (report.findings.length > 0) throw new ChoreographyError(report);
  return report;
}

function validate(options: ChoreographyOptions): void {
  const { withinMs, percentile } = options;
  if (withinMs !== undefined && !(Number.isFinite(withinMs) && withinMs >= 0))
    throw new SquallError(`expectChoreography: withinMs must be a number of ms, 0 or more (got ${withinMs})`);
  if (percentile === undefined) return;
  if (!(percentile > 0 && percentile <= 100))
    throw new SquallError(
      `expectChoreography: percentile must be in (0, 100], such as 99 (got ${percentile})`,
    );
  if (withinMs === undefined)
    throw new SquallError("expectChoreography: percentile needs withinMs, the budget it is checked against");
}

function noIds(): ChoreographyFinding {
  return {
    kind: "no-path",
    correlationId: undefined,
    edge: undefined,
    hops: [],
    message:
      "no hop the test started carries a correlation id; send events through correlate(target), or pass correlationId",
  };
}

function noPath(id: string, seen: readonly string[]): ChoreographyFinding {
  const ids = seen.length === 0 ? "none" : seen.join(", ");
  return {
    kind: "no-path",
    correlationId: id,
    edge: undefined,
    hops: [],
    message: `${id}: no hop carries this correlation id (ids the run started with: ${ids})`,
  };
}
