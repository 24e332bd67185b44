import { SquallError } from "../../core/errors.ts";
import { checkFaultKnobs, type FaultKnobKind } from "../fault-knobs.ts";
import type { EngineSettings } from "./engine.ts";

/** Options of {@link SqsService}. */
export interface SqsServiceOptions {
  /** Region in queue URLs and ARNs. Default `us-east-1`. */
  region?: string;
  /** Account id in queue URLs and ARNs (12 digits). Default `000000000000`. */
  accountId?: string;
  /**
   * Standard queues only: the probability in [0, 1] that a delivered message is also delivered
   * again later (a copy with the same MessageId), drawn per delivery as `sqs.<queue>.duplicate`.
   * Default 0.
   */
  duplicateDeliveryProbability?: number;
  /**
   * Standard queues only: each sent message becomes visible after an extra delay drawn from
   * [0, reorderWindowMs] (`sqs.<queue>.reorderDelayMs`), so messages sent close together may
   * arrive out of order. Default 0.
   */
  reorderWindowMs?: number;
  /**
   * Standard queues only: the probability that a received message's visibility timeout lapses
   * early (`fault.sqs.redelivery.<queue>`), as when its consumer runs past the timeout — the
   * message is delivered again although it is still being processed. Default 0.
   */
  redeliveryProbability?: number;
  /** Standard queues only: each sent message becomes visible up to this much later (`fault.sqs.deliveryDelay.<queue>`). Default 0. */
  deliveryDelayMsMax?: number;
}

/**
 * Checks the options at the edge and fills in the defaults; SquallError on a bad value.
 *
 * @example
 * const settings = validateOptions({ duplicateDeliveryProbability: 0.1 });
 */
export function validateOptions(options: SqsServiceOptions): EngineSettings {
  const accountId = options.accountId ?? "000000000000";
  if (!/^\d{12}$/.test(accountId)) {
    throw new SquallError(`SQS option accountId must be 12 digits, got "${accountId}"`);
  }
  const region = options.region ?? "us-east-1";
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new SquallError(`SQS option region must look like "us-east-1", got "${region}"`);
  }
  return {
    region,
    accountId,
    duplicateDeliveryProbability: 0,
    reorderWindowMs: 0,
    redeliveryProbability: 0,
    deliveryDelayMsMax: 0,
    ...validateFaults(options),
  };
}

/** The delivery faults of standard queues, which a run may change (see SqsService.setDeliveryFaults). */
export interface DeliveryFaults {
  duplicateDeliveryProbability?: number;
  reorderWindowMs?: number;
  redeliveryProbability?: number;
  deliveryDelayMsMax?: number;
}

const KNOBS: Readonly<Record<keyof DeliveryFaults, FaultKnobKind>> = {
  duplicateDeliveryProbability: "probability",
  reorderWindowMs: "ms",
  redeliveryProbability: "probability",
  deliveryDelayMsMax: "ms",
};

/**
 * Checks delivery-fault knobs as every service checks its own (durations are drawn in whole ms,
 * as a fault plan allows); returns only those given. SquallError on a bad value.
 *
 * @example
 * validateFaults({ reorderWindowMs: 250 }) // { reorderWindowMs: 250 }
 */
export function validateFaults(faults: DeliveryFaults): DeliveryFaults {
  return checkFaultKnobs("SQS", faults, KNOBS);
}
