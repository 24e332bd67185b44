import pc from "picocolors";
import type { ScenarioResult } from "../harness/run-scenarios.ts";
import { brokeAtLine } from "../targets/sim/step-checks.ts";

/** The line that reruns one scenario exactly. */
export function reproduceLine(dir: string, result: ScenarioResult): string {
  const variant = result.variant === undefined ? "" : ` --variant ${result.variant}`;
  return `squall run ${dir} --seed ${result.seed} --scenario ${result.scenario}${variant}`;
}

/**
 * The human report of `squall run`: per scenario, passed or failed, the violations with their
 * offending items, what happened (cold starts, retries, duplicates), time, and the line that
 * reproduces it.
 *
 * @example console.log(formatRun("examples/inventory", results));
 */
export function formatRun(dir: string, results: readonly ScenarioResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const title = `${r.scenario}${r.variant === undefined ? "" : ` [${r.variant}]`}`;
    lines.push(
      `${r.passed ? pc.green("✓ passed") : pc.red("✗ failed")}  ${pc.bold(title)}  ${pc.dim(`seed ${r.seed}`)}`,
    );
    if (r.error !== undefined) lines.push(`    ${pc.red("error:")} ${r.error}`);
    if (r.brokeAt !== undefined) lines.push(`    ${brokeAtLine(r.brokeAt)}`);
    if (r.reached.length > 0) lines.push(pc.dim(`    reached: ${r.reached.join(", ")}`));
    for (const v of r.violations.slice(0, 10)) {
      lines.push(`    ${pc.red(v.invariant)}: ${v.message}`);
      for (const item of (v.items ?? []).slice(0, 3)) lines.push(pc.dim(`      ${JSON.stringify(item)}`));
    }
    if (r.violations.length > 10) lines.push(pc.dim(`    … and ${r.violations.length - 10} more violations`));
    const s = r.stats;
    lines.push(
      pc.dim(
        `    ${s.invocations} invocations, ${s.coldStarts} cold starts, ${s.retries} retries, ` +
          `${s.duplicates} duplicates, ${s.errors} errors, ${s.throttles} throttles; ` +
          `${formatMs(r.virtualMs)} virtual in ${formatMs(r.wallMs)} wall`,
      ),
    );
    if (!r.passed) lines.push(`    reproduce: ${reproduceLine(dir, r)}`);
  }
  const failed = results.filter((r) => !r.passed).length;
  lines.push("");
  lines.push(
    failed === 0 ? pc.green(`${results.length} passed`) : pc.red(`${failed} of ${results.length} failed`),
  );
  return lines.join("\n");
}

/**
 * The stable JSON document of `squall run --json`: the seed, and per scenario its name, variant,
 * result, violations, fingerprint and counts. Wall time is left out so equal runs print equal JSON.
 */
export function runJson(dir: string, results: readonly ScenarioResult[]): string {
  const scenarios = results.map((r) => ({
    name: r.scenario,
    variant: r.variant ?? null,
    passed: r.passed,
    error: r.error ?? null,
    violations: r.violations,
    brokeAt: r.brokeAt ?? null,
    reached: r.reached,
    fingerprint: r.fingerprint,
    virtualMs: r.virtualMs,
    stats: r.stats,
    reproduce: reproduceLine(dir, r),
  }));
  return JSON.stringify({ seed: results[0]?.seed ?? null, scenarios }, null, 2);
}

function formatMs(ms: number): string {
  return ms < 1000
    ? `${ms} ms`
    : ms < 120_000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${(ms / 60_000).toFixed(1)} min`;
}
