import { type EventuallyOptions, EventuallyTimeoutError, eventually } from "../src/harness/eventually.ts";

/** Throws while the result is not ready. */
export type Probe = () => Promise<void> | void;
/** Lets time pass on the clock the result becomes ready on. */
export type Wait = (ms: number) => Promise<void>;

/** A way for a test to wait for a result; resolves whether it saw the result. */
export interface WaitingStrategy {
  readonly name: string;
  run(probe: Probe, wait: Wait): Promise<boolean>;
}

/** What one trial of one strategy saw. */
export interface TrialOutcome {
  readonly readyMs: number;
  /** When the probe first passed, on the same clock as `readyMs`; undefined if the strategy gave up. */
  readonly passedAtMs: number | undefined;
  readonly probes: number;
}

/** `eventually` itself (not a copy), with the given options over its defaults. */
export const eventuallyStrategy = (name: string, options: EventuallyOptions = {}): WaitingStrategy => ({
  name,
  run: (probe, wait) =>
    eventually(probe, { ...options, wait }).then(
      () => true,
      (error: unknown) => {
        if (error instanceof EventuallyTimeoutError) return false;
        throw error;
      },
    ),
});

const passes = async (probe: Probe): Promise<boolean> => {
  try {
    await probe();
    return true;
  } catch {
    return false;
  }
};

/** Sleep, then look once. */
export const fixedSleep = (sleepMs: number): WaitingStrategy => ({
  name: `fixed sleep ${sleepMs / 1000} s`,
  run: async (probe, wait) => {
    await wait(sleepMs);
    return passes(probe);
  },
});

/** Sleep then look, `attempts` times: the pattern of AWS's serverless test samples. */
export const fixedInterval = (intervalMs: number, attempts: number): WaitingStrategy => ({
  name: `fixed ${intervalMs / 1000} s × ${attempts}`,
  run: async (probe, wait) => {
    for (let i = 0; i < attempts; i++) {
      await wait(intervalMs);
      if (await passes(probe)) return true;
    }
    return false;
  },
});

const quantile = (sorted: readonly number[], q: number): number =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
const sorted = (xs: number[]): number[] => xs.sort((a, b) => a - b);

/**
 * One table row. Overshoot (waiting past readiness) is over the trials that saw the result; a
 * false failure is a trial that gave up although the result was ready before the 30 s deadline
 * (every draw here is), so it counts every give-up.
 */
export function summarise(name: string, outcomes: readonly TrialOutcome[]): string[] {
  const seen = outcomes.filter((o) => o.passedAtMs !== undefined);
  const over = sorted(seen.map((o) => (o.passedAtMs as number) - o.readyMs));
  const rel = sorted(seen.map((o) => ((o.passedAtMs as number) - o.readyMs) / o.readyMs));
  const probes = sorted(outcomes.map((o) => o.probes));
  const failures = outcomes.length - seen.length;
  const ms = (x: number) => (Number.isNaN(x) ? "-" : Math.round(x).toLocaleString("en-US"));
  const pct = (x: number) => (Number.isNaN(x) ? "-" : `${(100 * x).toFixed(1)}%`);
  const mean = over.reduce((a, b) => a + b, 0) / over.length;
  return [
    name,
    ms(quantile(over, 0.5)),
    ms(quantile(over, 0.9)),
    ms(quantile(over, 1)),
    ms(mean),
    pct(quantile(rel, 0.5)),
    pct(quantile(rel, 0.9)),
    `${failures} (${pct(failures / outcomes.length)})`,
    `${quantile(probes, 0.5)} / ${quantile(probes, 0.9)}`,
  ];
}

const HEADER = [
  "strategy",
  "over p50",
  "p90",
  "max",
  "mean",
  "rel p50",
  "rel p90",
  "false failures",
  "probes p50/p90",
];

/** Aligns rows under the header, numbers right-aligned. */
export function table(rows: readonly string[][]): string {
  const all = [HEADER, ...rows];
  const widths = HEADER.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const line = (r: readonly string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ");
  return all.map(line).join("\n");
}
