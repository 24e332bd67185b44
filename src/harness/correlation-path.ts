import type { Hop } from "../targets/target.ts";

/**
 * The hops of a run indexed both ways: by id, and from each hop to the hops it caused.
 *
 * @example
 * const graph = new HopGraph(await target.hops());
 * for (const hop of graph.hops) console.log(hop.id, graph.effects(hop).length);
 */
export class HopGraph {
  readonly hops: readonly Hop[];
  private readonly byId = new Map<string, Hop>();
  private readonly effectsById = new Map<string, Hop[]>();

  constructor(hops: readonly Hop[]) {
    this.hops = hops;
    for (const hop of hops) this.byId.set(hop.id, hop);
    for (const hop of hops)
      for (const cause of hop.causes) {
        const effects = this.effectsById.get(cause);
        if (effects === undefined) this.effectsById.set(cause, [hop]);
        else effects.push(hop);
      }
  }

  /** The hops that caused `hop` (those the run recorded). */
  causes(hop: Hop): Hop[] {
    return hop.causes.flatMap((id) => {
      const cause = this.byId.get(id);
      return cause === undefined ? [] : [cause];
    });
  }

  /** The hops that list `hop` among their causes. */
  effects(hop: Hop): readonly Hop[] {
    return this.effectsById.get(hop.id) ?? [];
  }
}

/**
 * The path one correlation id took: every hop that carries it, and their causal descendants —
 * including those that lost the id, so a choreography can still be followed past the hop that
 * dropped it. A descendant that carries only *other* ids belongs to another correlation (a batch
 * mixes orders) and is left out, with its own descendants unless another route reaches them.
 * Hops come back in start order.
 *
 * @example
 * const path = correlationPath(await target.hops(), "corr-1");
 * console.log(path.map((h) => `${h.from} → ${h.to}`));
 */
export function correlationPath(hops: readonly Hop[], correlationId: string): Hop[] {
  return pathIn(new HopGraph(hops), correlationId);
}

/**
 * {@link correlationPath} over an already indexed run (many ids, one index).
 *
 * @example
 * const graph = new HopGraph(hops);
 * const paths = ids.map((id) => pathIn(graph, id));
 */
export function pathIn(graph: HopGraph, correlationId: string): Hop[] {
  const inPath = new Set<Hop>();
  const pending = graph.hops.filter((h) => h.correlationIds.includes(correlationId));
  while (pending.length > 0) {
    const hop = pending.pop() as Hop;
    if (inPath.has(hop)) continue;
    inPath.add(hop);
    for (const effect of graph.effects(hop))
      if (effect.correlationIds.length === 0 || effect.correlationIds.includes(correlationId))
        pending.push(effect);
  }
  return startOrder(graph.hops.filter((h) => inPath.has(h)));
}

/**
 * The correlation ids the run started with: those carried by hops that nothing caused (the
 * test's own sends, publishes, writes and invokes), in the order they first appear.
 *
 * @example
 * for (const id of rootCorrelationIds(await target.hops())) console.log(id);
 */
export function rootCorrelationIds(hops: readonly Hop[]): string[] {
  const ids = new Set<string>();
  for (const hop of hops) if (hop.causes.length === 0) for (const id of hop.correlationIds) ids.add(id);
  return [...ids];
}

// Hops arrive in start order from a target; sorting again (stably) keeps hand-built lists honest.
function startOrder(hops: Hop[]): Hop[] {
  return hops
    .map((hop, index) => ({ hop, index }))
    .sort((a, b) => a.hop.startMs - b.hop.startMs || a.index - b.index)
    .map((e) => e.hop);
}

/**
 * An option that names one correlation id or several, as a list; `undefined` when not given.
 *
 * @example
 * idList("corr-1"); // ["corr-1"]
 */
export function idList(ids: string | readonly string[] | undefined): readonly string[] | undefined {
  return ids === undefined ? undefined : typeof ids === "string" ? [ids] : ids;
}
