import { SquallError } from "../core/errors.ts";
import type { InvokeResult, Target } from "../targets/target.ts";
import { OrderingAssertionError } from "./ordering-assertion-error.ts";
import { type Delivered, describeOrder, policyProblem, rejectedByDefault } from "./ordering-check.ts";
import { deliveryOrders } from "./ordering-orders.ts";
import { stampSequence } from "./ordering-stamp.ts";
import type {
  AssertOrderingOptions,
  OrderingReport,
  OrderingTrial,
  OrderingTrialReport,
} from "./ordering-types.ts";
import { hourBucket, seedFromIdentity, testKey } from "./test-identity.ts";

const MAX_LISTED = 10;

/**
 * Asserts that the system keeps its ordering promise when events arrive out of order — the
 * seed's sequence-number check, automated. It stamps sequence numbers 1, 2, … into the events
 * in the order they are sent, then, for each delivery order (every permutation, or a seeded
 * sample), delivers them in that order `gapMs` apart, lets the system settle and reads the
 * trial's state. Per `policy`, the final state must reflect the highest sequence number, stale
 * events must have been rejected, or early events parked and applied in order. Each trial gets
 * its own key (from the test, the trial and the hour) for its events and its state. Throws
 * {@link OrderingAssertionError} naming the first delivery order that broke it.
 *
 * @example
 * await assertOrdering(target, {
 *   function: "applyStockLevel",
 *   testId: { file: "test/stock.test.ts", name: "keeps the latest level" },
 *   events: (trial) => [{ sku: trial.key, level: 5 }, { sku: trial.key, level: 3 }],
 *   state: async (trial) => (await target.getItem("Levels", { sku: trial.key }))?.sequence as number | undefined,
 *   policy: "latest-wins",
 * });
 */
export async function assertOrdering<E>(
  target: Target,
  options: AssertOrderingOptions<E>,
): Promise<OrderingReport> {
  const name = receiver(target, options);
  const gapMs = options.gapMs ?? 1000;
  if (!(gapMs >= 0)) throw new SquallError(`assertOrdering: gapMs must not be negative, got ${gapMs}`);
  const startMs = target.nowMs();
  const trialAt = (index: number): OrderingTrial => ({
    index,
    key: testKey(options.testId, { nowMs: startMs, scope: `assertOrdering/${name}/${index}` }),
  });
  const firstEvents = options.events(trialAt(0));
  const seed = options.seed ?? seedFromIdentity(options.testId);
  const { orders, sampled } = deliveryOrders(firstEvents.length, options.orders, seed);
  const trials: OrderingTrialReport[] = [];
  const failures: FailedTrial[] = [];
  for (const [index, order] of orders.entries()) {
    const trial = trialAt(index);
    const events = index === 0 ? firstEvents : options.events(trial);
    if (events.length !== firstEvents.length)
      throw new SquallError(
        `assertOrdering: events built ${events.length} events for trial ${index} but ${firstEvents.length} for trial 0; build the same events for every trial, only the key may change`,
      );
    const { report, problem } = await runTrial(target, options, trial, events, order, gapMs);
    trials.push(report);
    if (problem !== undefined) failures.push({ report, problem });
  }
  if (failures.length > 0)
    throw orderingFailure(options, name, failures, { tried: orders.length, sampled, seed, startMs });
  return { policy: options.policy, sampled, seed, hour: hourBucket(startMs), trials };
}

interface FailedTrial {
  readonly report: OrderingTrialReport;
  readonly problem: string;
}

function orderingFailure<E>(
  options: AssertOrderingOptions<E>,
  name: string,
  failures: readonly FailedTrial[],
  run: { tried: number; sampled: boolean; seed: number; startMs: number },
): OrderingAssertionError {
  const first = failures[0] as FailedTrial;
  const failingOrders = failures.map((f) => f.report.order);
  const listed = failingOrders
    .slice(0, MAX_LISTED)
    .map((o) => o.map((s) => `#${s}`).join(" "))
    .join("; ");
  const more = failures.length > MAX_LISTED ? "; …" : "";
  const how = run.sampled ? `sampled with seed ${run.seed}` : "all of them";
  const who = name === "deliver" ? "deliver" : `function "${name}"`;
  return new OrderingAssertionError(
    `assertOrdering: ${who}, policy ${options.policy}: ${describeOrder(first.report.order)}: ${first.problem}.\n` +
      `  trial key ${first.report.key} (derived from test "${options.testId.name}" in ${options.testId.file}, hour ${hourBucket(run.startMs)})\n` +
      `  ${failures.length} of ${run.tried} delivery orders (${how}) broke it: ${listed}${more}`,
    {
      policy: options.policy,
      target: name,
      order: first.report.order,
      key: first.report.key,
      state: first.report.state,
      problem: first.problem,
      failingOrders,
      triedOrders: run.tried,
    },
  );
}

function receiver<E>(target: Target, options: AssertOrderingOptions<E>): string {
  if ((options.function === undefined) === (options.deliver === undefined))
    throw new SquallError(
      "assertOrdering: give either function (the name of the function to invoke with each event) or deliver (how to deliver one event), not both and not neither",
    );
  if (options.function === undefined) return "deliver";
  if (target.app.functions[options.function] === undefined)
    throw new SquallError(
      `assertOrdering: app "${target.app.name}" has no function "${options.function}" (functions: ${Object.keys(target.app.functions).join(", ") || "none"})`,
    );
  return options.function;
}

function asInvokeResult(value: unknown): InvokeResult | undefined {
  const candidate = value as Partial<InvokeResult> | null | undefined;
  return typeof candidate?.requestId === "string" && "payload" in candidate
    ? (candidate as InvokeResult)
    : undefined;
}

async function runTrial<E>(
  target: Target,
  options: AssertOrderingOptions<E>,
  trial: OrderingTrial,
  events: readonly E[],
  order: readonly number[],
  gapMs: number,
): Promise<{ report: OrderingTrialReport; problem: string | undefined }> {
  const stamp = options.stamp ?? stampSequence;
  const isRejected = options.rejected ?? rejectedByDefault;
  // Stamped in send order: the sequence number says when an event was sent, whatever its arrival.
  const sent = events.map((event, i) => stamp(event, i + 1));
  const delivered: Delivered[] = [];
  for (const [position, sequence] of order.entries()) {
    if (position > 0) await target.advance(gapMs);
    const event = sent[sequence - 1] as E;
    const result =
      options.deliver === undefined
        ? await target.invoke(options.function as string, event)
        : asInvokeResult(await options.deliver(event, trial));
    delivered.push({ sequence, result, rejected: result !== undefined && isRejected(result) });
  }
  await target.settle();
  const state = await options.state(trial);
  const rejected = delivered.filter((d) => d.rejected).map((d) => d.sequence);
  return {
    report: { key: trial.key, order, state, rejected },
    problem: policyProblem(options.policy, state, delivered),
  };
}
