import pc from "picocolors";
import type { ExploreFailure, ExploreResult } from "../explore/explore.ts";
import { formatTimeline } from "../explore/timeline.ts";

/** How a search was asked for, as far as its replay line needs it. */
export interface ExploreRequest {
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
            `  shrunk from ${shrunk.originalDraws} to ${shrunk.draws} choices in ${shrunk.replays} replays:`,
          ),
        );
        lines.push(formatTimeline(shrunk.spans, shrunk.result.violations));
        if (shrunk.divergence !== undefined)
          lines.push(pc.red(`  replay is not exact: ${shrunk.divergence}`));
      }
      lines.push(`  replay: ${replayLine(request, r, f)}`);
    }
  }
  return lines.join("\n");
}

/** The JSON document of `squall explore --json`: per scenario and variant, the failures and their replay lines. */
export function exploreJson(request: ExploreRequest, results: readonly ExploreResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      scenario: r.scenario,
      variant: r.variant ?? null,
      schedules: r.schedules,
      failures: r.failures.map((f) => ({
        signature: f.signature,
        seed: f.seed,
        count: f.count,
        violations: (f.shrunk?.result ?? f.result).violations,
        choices: f.shrunk?.choices ?? null,
        fingerprint: (f.shrunk?.result ?? f.result).fingerprint,
        exact: f.shrunk === undefined ? null : f.shrunk.divergence === undefined,
        replay: replayLine(request, r, f),
      })),
    })),
    null,
    2,
  );
}
