import path from "node:path";
import type { CAC } from "cac";
import pc from "picocolors";
import { SquallError } from "../core/errors.ts";
import { decodeChoices } from "../explore/choices-code.ts";
import { type ExploreProgress, type ExploreResult, explore } from "../explore/explore.ts";
import { runSchedule } from "../explore/run-once.ts";
import { planFor } from "../explore/search.ts";
import { type StrategyName, selectorFor } from "../explore/strategy.ts";
import { formatTimeline } from "../explore/timeline.ts";
import type { FaultPlan } from "../faults/plan.ts";
import { type FaultPreset, faultPreset, kindsOf } from "../faults/presets.ts";
import { CONFIG_FILE, loadConfig } from "../harness/load-config.ts";
import type { SquallConfig } from "../targets/scenario.ts";
import { exploreJson, formatExplore } from "./report-explore.ts";

const PRESETS: readonly FaultPreset[] = ["none", "realistic", "chaos", "swarm"];

interface SearchFlags {
  scenario?: unknown;
  variant?: unknown;
  faults?: unknown;
  strategy?: unknown;
  workers?: unknown;
}

function presetOf(flag: unknown): FaultPreset | undefined {
  if (flag === undefined) return undefined;
  if (!PRESETS.includes(flag as FaultPreset))
    throw new SquallError(`--faults must be one of ${PRESETS.join(", ")}, got ${JSON.stringify(flag)}`);
  return flag as FaultPreset;
}

function strategyOf(flag: unknown): StrategyName {
  if (flag === undefined) return "random";
  if (flag === "random" || flag === "pct" || flag === "fifo") return flag;
  throw new SquallError(`--strategy must be random, pct or fifo, got ${JSON.stringify(flag)}`);
}

/** Parses `60s`, `2m`, `500ms` or a number of seconds. */
export function durationMs(flag: string, value: unknown): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(String(value));
  if (match === null)
    throw new SquallError(`${flag} must be a duration like 60s, 2m or 500ms, got ${JSON.stringify(value)}`);
  const n = Number(match[1]);
  return Math.round(match[2] === "ms" ? n : match[2] === "m" ? n * 60_000 : n * 1000);
}

function shardOf(value: unknown): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(String(value));
  const shard = match === null ? undefined : { index: Number(match[1]), count: Number(match[2]) };
  if (shard === undefined || shard.index < 1 || shard.index > shard.count)
    throw new SquallError(`--shard must be k/n with 1 ≤ k ≤ n (like 2/4), got ${JSON.stringify(value)}`);
  return shard;
}

function variantsOf(config: SquallConfig, flag: unknown): (string | undefined)[] {
  if (typeof config.app !== "function") return [undefined];
  const variants = config.variants ?? [];
  if (flag === undefined) return [...variants];
  if (!variants.includes(String(flag)))
    throw new SquallError(`--variant "${String(flag)}" is not declared; use one of: ${variants.join(", ")}`);
  return [String(flag)];
}

function scenariosOf(config: SquallConfig, flag: unknown): string[] {
  const names = Object.keys(config.scenarios);
  if (flag === undefined) return [...(config.explore?.scenarios ?? names)];
  if (!names.includes(String(flag)))
    throw new SquallError(`--scenario "${String(flag)}" is not declared; use one of: ${names.join(", ")}`);
  return [String(flag)];
}

function faultsOf(config: SquallConfig, preset: FaultPreset | undefined): FaultPreset | FaultPlan {
  return preset ?? config.explore?.faults ?? "none";
}

/**
 * A bar of `width` cells for a fraction done, e.g. `[██████····]` for 0.6.
 *
 * @example progressBar(0.5, 4) // "[██··]"
 */
export function progressBar(fraction: number, width = 20): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${"█".repeat(filled)}${"·".repeat(width - filled)}]`;
}

// A progress bar and line on a terminal, rewritten in place; plain lines (every tenth) in CI logs.
function progressPrinter(title: string, total: number | undefined, timeMs: number | undefined) {
  const tty = process.stderr.isTTY === true;
  let lastTenth = -1;
  return (p: ExploreProgress) => {
    const rate = p.schedules / Math.max(p.elapsedMs / 1000, 1e-3);
    const leftMs =
      timeMs !== undefined
        ? timeMs - p.elapsedMs
        : total !== undefined
          ? ((total - p.schedules) / rate) * 1000
          : 0;
    const line = `${title}: ${p.schedules}${total === undefined ? "" : `/${total}`} schedules, ${p.failures} failures, ${rate.toFixed(1)}/s, ~${Math.max(0, Math.round(leftMs / 1000))} s left`;
    const done = timeMs !== undefined ? p.elapsedMs / timeMs : total !== undefined ? p.schedules / total : 0;
    if (tty) process.stderr.write(`\r${progressBar(done)} ${line}\u001b[K`);
    else {
      const tenth =
        total === undefined
          ? Math.floor(p.elapsedMs / ((timeMs ?? 1) / 10))
          : Math.floor((p.schedules * 10) / total);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        process.stderr.write(`${line}\n`);
      }
    }
  };
}

/** Adds `squall explore` and `squall replay` to the CLI. Thin: each calls the programmatic API. */
export function registerExploreCommands(
  cli: CAC,
  wholeNumber: (flag: string, value: unknown) => number,
): void {
  cli
    .command(
      "explore <dir>",
      "Search many seeded fault schedules for invariant violations, shrink and replay them",
    )
    .option("--scenario <name>", "Search only this scenario")
    .option("--variant <name>", "Search only this variant of the app")
    .option("--runs <n>", "Schedules per scenario and variant (default: the config's, else 100)")
    .option("--time <duration>", "Search for this long per scenario and variant instead (60s, 2m)")
    .option("--faults <preset>", "none, realistic, chaos or swarm (default: the config's, else none)")
    .option("--strategy <name>", "random (default), pct (depth 2) or fifo")
    .option("--seed <n>", "First seed (default 1)")
    .option("--shard <k/n>", "Run only shard k of n of the schedules, as CI machines split them")
    .option("--workers <n>", "Worker threads to search in (default 1)")
    .option("--json", "Print a JSON document instead of the report")
    .action(
      async (
        dir: string,
        flags: SearchFlags & {
          runs?: unknown;
          time?: unknown;
          seed?: unknown;
          shard?: unknown;
          json?: boolean;
        },
      ) => {
        const { config } = await loadConfig(dir);
        const preset = presetOf(flags.faults);
        const strategy = strategyOf(flags.strategy);
        const timeMs = flags.time === undefined ? undefined : durationMs("--time", flags.time);
        const runs =
          flags.runs === undefined
            ? timeMs === undefined
              ? (config.explore?.runs ?? 100)
              : undefined
            : wholeNumber("--runs", flags.runs);
        const shard = shardOf(flags.shard);
        const results: ExploreResult[] = [];
        for (const variant of variantsOf(config, flags.variant)) {
          for (const scenario of scenariosOf(config, flags.scenario)) {
            const title = `${scenario}${variant === undefined ? "" : ` [${variant}]`}`;
            results.push(
              await explore(config, {
                scenario,
                ...(variant === undefined ? {} : { variant }),
                ...(runs === undefined ? {} : { runs }),
                ...(timeMs === undefined ? {} : { timeMs }),
                ...(shard === undefined ? {} : { shard }),
                ...(flags.seed === undefined ? {} : { firstSeed: wholeNumber("--seed", flags.seed) }),
                faults: faultsOf(config, preset),
                // Always in worker threads: recycled when they must be, a long search keeps its memory bounded.
                workers:
                  flags.workers === undefined ? 1 : Math.max(1, wholeNumber("--workers", flags.workers)),
                configFile: path.resolve(dir, CONFIG_FILE),
                strategy,
                onProgress: progressPrinter(title, runs, timeMs),
              }),
            );
            if (process.stderr.isTTY === true) process.stderr.write("\n");
          }
        }
        const firstPlan = planFor(
          faultsOf(config, preset),
          flags.seed === undefined ? 1 : wholeNumber("--seed", flags.seed),
        );
        const request = { dir, faults: preset, strategy, switchedOn: kindsOf(firstPlan) };
        console.log(flags.json === true ? exploreJson(request, results) : formatExplore(request, results));
        if (results.some((r) => r.failures.length > 0)) process.exitCode = 1;
      },
    );

  cli
    .command("replay <dir>", "Replay one schedule bit for bit from its seed and choices")
    .option("--scenario <name>", "The scenario (required)")
    .option("--variant <name>", "The variant of the app")
    .option("--faults <preset>", "The fault preset the search used (default: the config's)")
    .option("--strategy <name>", "The strategy the search used: random (default), pct or fifo")
    .option("--seed <n>", "The schedule's seed (required)")
    .option("--choices <code>", "The shrunk choices from the replay line")
    .action(async (dir: string, flags: SearchFlags & { seed?: unknown; choices?: unknown }) => {
      if (flags.scenario === undefined || flags.seed === undefined)
        throw new SquallError(
          "replay needs --scenario and --seed (copy the whole replay line squall explore printed)",
        );
      const { config } = await loadConfig(dir);
      const [scenario] = scenariosOf(config, flags.scenario);
      const [variant] = variantsOf(
        config,
        flags.variant ?? (typeof config.app === "function" ? config.variants?.[0] : undefined),
      );
      const seed = wholeNumber("--seed", flags.seed);
      const faults = faultsOf(config, presetOf(flags.faults));
      const app = typeof config.app === "function" ? config.app(variant ?? "") : config.app;
      const outcome = await runSchedule({
        config,
        app,
        scenario: scenario as string,
        variant,
        seed,
        faults: typeof faults === "string" ? faultPreset(faults, seed) : faults,
        ...selectorFor(strategyOf(flags.strategy)),
        ...(flags.choices === undefined ? {} : { replay: decodeChoices(String(flags.choices)) }),
        keepSpans: true,
      });
      const { result } = outcome;
      console.log(
        `${result.passed ? pc.green("✓ passed") : pc.red("✗ failed")}  ${pc.bold(`${scenario}${variant === undefined ? "" : ` [${variant}]`}`)}  ${pc.dim(`seed ${seed}, fingerprint ${result.fingerprint.slice(0, 16)}`)}`,
      );
      const { brokeAt } = result;
      if (!result.passed)
        console.log(
          formatTimeline(outcome.spans, result.violations, brokeAt === undefined ? {} : { brokeAt }),
        );
      if (!result.passed) process.exitCode = 1;
    });
}
