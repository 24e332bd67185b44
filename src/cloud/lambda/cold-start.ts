import type { KernelServices } from "../../core/services.ts";
import type { LambdaRuntime, MsRange, ResolvedFunction } from "./definition.ts";

/**
 * A function's init-duration distribution: most cold starts fall in `typical`; with
 * `tailProbability` one falls in the slow tail up to `tail.maxMs`.
 */
export interface ColdStartModel {
  readonly typical: MsRange;
  readonly tail: MsRange;
  /** In [0, 1]. */
  readonly tailProbability: number;
}

/**
 * Typical init of a near-empty Node.js handler at 1024 MB or more. Public daily hello-world
 * measurements (the open `lambda-perf` benchmark) put Node.js 18–22 init durations at roughly
 * 120–250 ms; newer runtimes are a little faster.
 */
const BASE_MS: Record<LambdaRuntime, MsRange> = {
  "nodejs18.x": { minMs: 130, maxMs: 260 },
  "nodejs20.x": { minMs: 120, maxMs: 250 },
  "nodejs22.x": { minMs: 110, maxMs: 240 },
};

/** Loading and parsing code scales with package size: typical and worst case per unzipped MB. */
const TYPICAL_MS_PER_MB = 4;
const TAIL_MS_PER_MB = 20;

/**
 * Builds the default model. Where the numbers come from:
 * - memory: Lambda allots CPU in proportion to memory (1,769 MB is one vCPU, AWS docs), so init
 *   slows below 1024 MB; the factor grows by 0.25 per halving (128 MB: ×1.75);
 * - package size: +4 ms per MB typically, up to +20 ms per MB in the tail, so a 250 MB package on
 *   128 MB reaches the 8 s the seed quotes;
 * - VPC: since Hyperplane ENIs (AWS, September 2019) a VPC adds little to a typical cold start
 *   (+0–200 ms here), but the tail keeps the pre-2019 ENI set-up the seed quotes, past 15 s;
 * - the tail is 2% of cold starts (5% in a VPC), a pessimistic choice that makes tests meet it.
 *
 * @example
 * const model = defaultColdStartModel(fn); // { typical: {minMs: 210, maxMs: 438}, ... }
 */
export function defaultColdStartModel(fn: ResolvedFunction): ColdStartModel {
  if (fn.coldStartMs !== undefined)
    return { typical: fn.coldStartMs, tail: fn.coldStartMs, tailProbability: 0 };
  const base = BASE_MS[fn.runtime];
  const memoryFactor = fn.memorySizeMb >= 1024 ? 1 : 1 + 0.25 * Math.log2(1024 / fn.memorySizeMb);
  const scale = (ms: number) => Math.round(ms * memoryFactor);
  const typical = {
    minMs: scale(base.minMs + TYPICAL_MS_PER_MB * fn.packageSizeMb * 0.5),
    maxMs: scale(base.maxMs + TYPICAL_MS_PER_MB * fn.packageSizeMb) + (fn.vpc ? 200 : 0),
  };
  const tailMax = scale(base.maxMs * 2 + TAIL_MS_PER_MB * fn.packageSizeMb) + (fn.vpc ? 15_500 : 0);
  return {
    typical,
    tail: { minMs: typical.maxMs, maxMs: Math.max(typical.maxMs, tailMax) },
    tailProbability: fn.vpc ? 0.05 : 0.02,
  };
}

/**
 * Draws one init duration from the choice stream (labels `lambda.<fn>.coldStart.*`).
 *
 * @example
 * const initMs = drawInitDurationMs(kernel, "reserveStock", model);
 */
export function drawInitDurationMs(
  kernel: KernelServices,
  functionName: string,
  model: ColdStartModel,
): number {
  const label = `lambda.${functionName}.coldStart`;
  const inTail =
    model.tailProbability > 0 && kernel.nextInt(`${label}.tail`, 10_000) < model.tailProbability * 10_000;
  const range = inTail ? model.tail : model.typical;
  const width = range.maxMs - range.minMs;
  return range.minMs + (width === 0 ? 0 : kernel.nextInt(`${label}.ms`, width + 1));
}
