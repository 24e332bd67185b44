import pc from "picocolors";
import type { ExploreFailure, ExploreResult } from "../explore/explore.ts";
import { formatTimeline } from "../explore/timeline.ts";

/** How a search was asked for, as far as its replay line and coverage need it. */
export interface ExploreRequest {
  /** The fault kinds the plan switches on (for swarm: those of the first seed's plan). */
  readonly switchedOn?: readonly string[];
  readonly dir: string;
  /** The preset given with `--faults`, if any (else the config's plan applies on replay too). */
  readonly faults: string | undefined;
  readonly strategy: string;
}

/** The one line that replays a shrunk failure bit for bit. */
export function replayLine(request: ExploreRequest, result: ExploreResult, failure: ExploreFailure): string {
  const parts = [`squall replay ${request.dir} --scenario ${result.scenario}`];
  if (result.variant !== undefined) parts.push(`--variant ${result.variant}`);
  if (request.faults !== undefined) parts.push(`--faults ${request.faults}`);
  if (request.strategy !== "random") parts.push(`--strategy ${request.strategy}`);
  parts.push(`--seed ${failure.seed}`);
  if (failure.shrunk !== undefined) parts.push(`--choices ${failure.shrunk.choices}`);
  return parts.join(" ");
}

/**
 * The human report of `squall explore`: per scenario and variant, how many schedules ran and how
 * fast, and for each distinct failure its shrunk timeline and replay line.
 *
 * @example console.log(formatExplore(request, results));
 */
export function formatExplore(request: ExploreRequest, results: readonly ExploreResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const title = `${r.scenario}${r.variant === undefined ? "" : ` [${r.variant}]`}`;
    const speed = `${r.schedules} schedules, ${r.schedulesPerSecond.toFixed(1)}/s`;
    if (r.failures.length === 0) {
      lines.push(`${pc.green("✓ no failure")}  ${pc.bold(title)}  ${pc.dim(speed)}`);
      lines.push(...coverageLines(request, r));
      continue;
    }
    lines.push(
      `${pc.red(`✗ ${r.failures.length} distinct failure(s)`)}  ${pc.bold(title)}  ${pc.dim(speed)}`,
    );
    for (const f of r.failures) {
      lines.push(
        `  ${pc.red(f.signature)}  ${pc.dim(`first at seed ${f.seed}, ${f.count} of ${r.schedules} schedules`)}`,
      );
      const shrunk = f.shrunk;
      if (shrunk !== undefined) {
        lines.push(
          pc.dim(
            `  shrunk from ${shrunk.originalDraws} to ${shrunk.draws} choices in ${shrunk.replays} replays${shrunk.minimal ? " (1-minimal)" : " (replay budget spent: may shrink further)"}:`,
          ),
        );
        const { brokeAt } = shrunk.result;
        lines.push(
          formatTimeline(shrunk.spans, shrunk.result.violations, brokeAt === undefined ? {} : { brokeAt }),
        );
        if (shrunk.divergence !== undefined)
          lines.push(pc.red(`  replay is not exact: ${shrunk.divergence}`));
      }
      lines.push(`  replay: ${replayLine(request, r, f)}`);
    }
    lines.push(...coverageLines(request, r));
  }
  return lines.join("\n");
}

/**
 * Which faults fired, in how many schedules — and, called out, each fault the plan switched on
 * that never fired: a green search is not a tested one unless its faults happened. Likewise the
 * config's `sometimes` states: how many schedules reached each, and which none did.
 */
export function coverageLines(request: ExploreRequest, r: ExploreResult): string[] {
  const fired = Object.entries(r.coverage)
    .filter(([, c]) => c.fired > 0)
    .map(([kind, c]) => `${kind} ${c.fired}× in ${c.schedulesFired}/${r.schedules}`);
  const never = [
    ...Object.entries(r.coverage)
      .filter(([, c]) => c.fired === 0)
      .map(([kind, c]) => `${kind} (consulted ${c.consulted}×)`),
    ...(request.switchedOn ?? [])
      .filter((kind) => r.coverage[kind] === undefined)
      .map((kind) => `${kind} (never consulted)`),
  ];
  const lines: string[] = [];
  if (fired.length > 0) lines.push(pc.dim(`  faults fired: ${fired.join(", ")}`));
  if (never.length > 0) lines.push(pc.yellow(`  faults that never fired: ${never.join(", ")}`));
  const states = Object.entries(r.reached);
  const reached = states.filter(([, n]) => n > 0).map(([name, n]) => `${name} ${n}/${r.schedules}`);
  const unreached = states.filter(([, n]) => n === 0).map(([name]) => name);
  if (reached.length > 0) lines.push(pc.dim(`  states reached: ${reached.join(", ")}`));
  if (unreached.length > 0) lines.push(pc.yellow(`  states never reached: ${unreached.join(", ")}`));
  return lines;
}

/** The JSON document of `squall explore --json`: per scenario and variant, the failures and their replay lines. */
export function exploreJson(request: ExploreRequest, results: readonly ExploreResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      scenario: r.scenario,
      variant: r.variant ?? null,
      schedules: r.schedules,
      coverage: r.coverage,
      reached: r.reached,
      failures: r.failures.map((f) => ({
        signature: f.signature,
        seed: f.seed,
        count: f.count,
        violations: (f.shrunk?.result ?? f.result).violations,
        choices: f.shrunk?.choices ?? null,
        fingerprint: (f.shrunk?.result ?? f.result).fingerprint,
        exact: f.shrunk === undefined ? null : f.shrunk.divergence === undefined,
        minimal: f.shrunk === undefined ? null : f.shrunk.minimal,
        replay: replayLine(request, r, f),
      })),
    })),
    null,
    2,
  );
}
