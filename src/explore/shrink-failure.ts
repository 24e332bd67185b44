import type { Span } from "../core/trace.ts";
import type { ScenarioResult } from "../targets/sim/run-scenario.ts";
import { encodeChoices } from "./choices-code.ts";
import { runSchedule, type Schedule, showsFailure } from "./run-once.ts";
import { shrinkChoices, trimTrailingZeros } from "./shrink.ts";

/** A failure shrunk to a minimal schedule, replayed and checked. */
export interface ShrunkFailure {
  /** The shrunk choice values, encoded for `squall replay --choices`. */
  readonly choices: string;
  readonly draws: number;
  /** Draws of the original failing run. */
  readonly originalDraws: number;
  readonly replays: number;
  /** Whether no single remaining draw can go and still fail (see ShrinkResult.minimal). */
  readonly minimal: boolean;
  readonly result: ScenarioResult;
  /** The faults that fired in the shrunk run, as the trace recorded them (`fault.*` spans). */
  readonly faults: readonly string[];
  readonly spans: readonly Span[];
  /** Undefined when two replays agreed; else where they first differ. */
  readonly divergence?: string;
}

/**
 * Shrinks a failing schedule's choices while it still fails with the same signature, then replays
 * the result twice to check that it reproduces bit for bit (same trace fingerprint).
 *
 * @example const shrunk = await shrinkFailure(schedule, "exactly one reservation per order id", { maxReplays: 300 });
 */
export async function shrinkFailure(
  schedule: Schedule,
  signature: string,
  options: { maxReplays: number },
): Promise<ShrunkFailure> {
  const original = await runSchedule(schedule);
  const { values, replays, minimal } = await shrinkChoices(
    original.values,
    async (candidate, candidateLabels) => {
      const {
        result,
        values: drawn,
        labels,
      } = await runSchedule({
        ...schedule,
        replay: candidate,
        replayLabels: candidateLabels,
      });
      return { failed: showsFailure(result, signature), values: drawn, labels };
    },
    {
      maxReplays: options.maxReplays,
      labels: original.labels,
      worthLowering: (label) => !NAMES_ONLY.test(label),
      lowerFirst: (label) => STORY.test(label),
    },
  );
  const first = await runSchedule({ ...schedule, replay: values, keepSpans: true });
  const second = await runSchedule({ ...schedule, replay: values, keepSpans: true });
  const divergence =
    first.result.fingerprint === second.result.fingerprint ? undefined : firstMismatch(first, second);
  return {
    choices: encodeChoices(trimTrailingZeros(values)),
    draws: trimTrailingZeros(values).length,
    originalDraws: original.values.length,
    replays,
    minimal,
    result: first.result,
    faults: first.spans.filter((span) => span.name.startsWith("fault.")).map((span) => span.name),
    spans: first.spans,
    ...(divergence === undefined ? {} : { divergence }),
  };
}

// Draws that only name things (ids, log streams): lowering them cannot simplify a story.
const NAMES_ONLY = /(requestId|messageId|eventId|subscriptionId|logStream|randomUUID|uuid|Id)$/;

// Draws that make the story: a scenario's own sizes and picks, faults, duplicates, reordering, ties.
const STORY = /^(Math\.random|fault\.|schedule\.)|\.(duplicate|reorderDelayMs)$/;

type Drawn = { readonly labels: readonly string[]; readonly values: readonly number[] };

function firstMismatch(a: Drawn, b: Drawn): string {
  const length = Math.max(a.values.length, b.values.length);
  for (let i = 0; i < length; i++) {
    if (a.labels[i] !== b.labels[i] || a.values[i] !== b.values[i])
      return `replays diverge at choice #${i}: "${a.labels[i] ?? "(none)"}" = ${a.values[i] ?? "-"} vs "${b.labels[i] ?? "(none)"}" = ${b.values[i] ?? "-"}`;
  }
  return "replays drew the same choices but their traces differ: something outside the choice stream (real time, real randomness) leaked in";
}
