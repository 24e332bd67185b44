import { isDeepStrictEqual } from "node:util";
import type { Target } from "../targets/target.ts";
import {
  type DeliveryContext,
  type DeliveryState,
  deliverTogether,
  overlapped,
  receiveCounter,
  redelivered,
} from "./idempotency-delivery.ts";
import {
  differentResponse,
  type FailureSite,
  keyInUse,
  neverAccepted,
  noEffect,
  secondEffect,
} from "./idempotency-messages.ts";
import type { AssertIdempotentOptions, IdempotencyModeReport } from "./idempotency-types.ts";

/** Options with every default filled in. */
export interface ResolvedIdempotencyOptions extends AssertIdempotentOptions {
  readonly attempts: number;
  readonly redeliveryDelayMs: number;
  readonly maxReceives: number;
  readonly warmUp: boolean;
}

/** One mode's run: the target, the options, where failures are reported, and the warm-up key. */
export interface ModeRun {
  readonly target: Target;
  readonly options: ResolvedIdempotencyOptions;
  readonly site: FailureSite;
  readonly warmUpKey: string;
}

const fresh = (attempt: number, event: unknown): DeliveryState => ({
  attempt,
  event,
  receives: 0,
  requestIds: [],
});

// Counts effects after each round of deliveries, once everything they set off has settled.
class EffectTracker {
  count = 0;
  private first: DeliveryState | undefined;

  constructor(private readonly run: ModeRun) {}

  async after(round: readonly DeliveryState[]): Promise<void> {
    const { target, options, site } = this.run;
    this.first ??= round[0];
    await target.settle();
    const count = await options.effects(site.key);
    if (count === 0 && this.count === 0) throw noEffect(site, this.first as DeliveryState);
    if (count > 1) throw secondEffect(site, round, this.first as DeliveryState, this.count, count);
    this.count = count;
  }
}

/** Delivers one mode's attempts, checking the effect count after each round and then the responses. */
export async function runMode(run: ModeRun): Promise<IdempotencyModeReport> {
  const { target, options, site } = run;
  const already = await options.effects(site.key);
  if (already !== 0) throw keyInUse(site, already);
  const event = options.event(site.key);
  const deliveries: DeliveryState[] = [];
  const ctx: DeliveryContext = {
    target,
    fn: options.function,
    redeliveryDelayMs: options.redeliveryDelayMs,
    maxReceives: options.maxReceives,
    nextReceiveCount: receiveCounter(event),
    neverAccepted: (d) => {
      throw neverAccepted(site, d, deliveries[0] ?? d);
    },
  };
  const effects = new EffectTracker(run);
  let overlap: boolean | undefined;
  if (site.mode === "concurrent") {
    if (options.warmUp) await warmUp(run);
    const round = Array.from({ length: options.attempts }, (_, i) => fresh(i + 1, event));
    deliveries.push(...round);
    await deliverTogether(ctx, round);
    await effects.after(round);
    overlap = await overlapped(
      target,
      options.function,
      round.map((d) => d.requestIds[0] as string),
    );
  } else {
    for (let attempt = 1; attempt <= options.attempts; attempt++) {
      const lostAck = site.mode === "redelivery-after-lost-ack" && attempt > 1;
      // The earlier attempt succeeded but its acknowledgement never reached the queue, so the
      // message becomes visible again once the visibility timeout has run out.
      if (lostAck) await target.advance(options.redeliveryDelayMs);
      const delivery = fresh(attempt, lostAck ? redelivered(event, ctx.nextReceiveCount()) : event);
      deliveries.push(delivery);
      await deliverTogether(ctx, [delivery]);
      await effects.after([delivery]);
    }
  }
  checkResponses(run, deliveries);
  return {
    mode: site.mode,
    key: site.key,
    attempts: deliveries.map((d) => ({
      attempt: d.attempt,
      receives: d.receives,
      requestIds: d.requestIds,
      response: d.response as NonNullable<DeliveryState["response"]>,
    })),
    effects: effects.count,
    ...(overlap === undefined ? {} : { overlapped: overlap }),
  };
}

// Concurrent copies only race when they start together; on cold environments their init
// durations differ and spread them apart. Warming as many environments first, with another
// key's event, lets the real attempts overlap. The warm-up's own effects are not checked.
async function warmUp(run: ModeRun): Promise<void> {
  const { target, options } = run;
  const event = options.event(run.warmUpKey);
  await Promise.all(Array.from({ length: options.attempts }, () => target.invoke(options.function, event)));
  await target.settle();
}

function checkResponses(run: ModeRun, deliveries: readonly DeliveryState[]): void {
  const normalize = run.options.normalize ?? ((payload: unknown) => payload);
  const view = (d: DeliveryState) => ({ error: d.response?.error, payload: normalize(d.response?.payload) });
  const [first, ...rest] = deliveries;
  if (first === undefined) return;
  const offending = rest.find((d) => !isDeepStrictEqual(view(d), view(first)));
  if (offending !== undefined) throw differentResponse(run.site, first, offending);
}
