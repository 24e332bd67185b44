import { faultDurationMs, faultFires } from "../../core/fault-draw.ts";
import { subscriptionsOf } from "./arns.ts";
import { lambdaEvent, type Notification, queueDelivery } from "./envelope.ts";
import { matches } from "./filter-policy.ts";
import { messageFor } from "./message.ts";
import type { SnsState, Subscription, Topic } from "./model.ts";

/**
 * Fans a published message out: each subscription whose filter policy passes gets one delivery,
 * scheduled after its own delay drawn from the choice stream (`sns.<topic>.deliveryDelayMs`), so
 * deliveries are asynchronous and, on standard topics, may arrive in any order, as in AWS. On
 * FIFO topics a delivery never overtakes the previous one to the same subscription. The fault
 * knobs add a delay (`fault.sns.fanOutDelay.<topic>`) and, on standard topics, a second delivery
 * of the same notification (`fault.sns.duplicateNotification.<topic>`).
 *
 * @example
 * fanOut(state, topic, notification);
 */
export function fanOut(state: SnsState, topic: Topic, notification: Notification): void {
  const { kernel, counters, faults } = state;
  counters.messagesPublished++;
  for (const subscription of subscriptionsOf(state, topic)) {
    if (!passesFilter(subscription, notification)) {
      counters.messagesFilteredOut++;
      const byArn = counters.filteredOutBySubscription;
      byArn[subscription.arn] = (byArn[subscription.arn] ?? 0) + 1;
      continue;
    }
    scheduleDelivery(state, topic, subscription, notification);
    if (
      !topic.fifo &&
      faultFires(kernel, "sns.duplicateNotification", faults.duplicateNotificationProbability, topic.name)
    )
      scheduleDelivery(state, topic, subscription, notification);
  }
}

function scheduleDelivery(
  state: SnsState,
  topic: Topic,
  subscription: Subscription,
  notification: Notification,
): void {
  const { kernel } = state;
  const nowMs = kernel.nowMs();
  const { minMs, maxMs } = state.deliveryDelay;
  const spanMs = maxMs - minMs;
  const drawnMs =
    minMs + (spanMs === 0 ? 0 : kernel.nextInt(`sns.${topic.name}.deliveryDelayMs`, spanMs + 1));
  let atMs =
    nowMs + drawnMs + faultDurationMs(kernel, "sns.fanOutDelay", state.faults.fanOutDelayMsMax, topic.name);
  if (topic.fifo) atMs = Math.max(atMs, subscription.lastDeliveryAtMs);
  subscription.lastDeliveryAtMs = atMs;
  kernel.schedule(atMs - nowMs, `sns.${topic.name}.deliver`, () =>
    deliver(state, subscription, notification),
  );
}

function passesFilter(subscription: Subscription, notification: Notification): boolean {
  const policy = subscription.filterPolicy;
  if (policy === undefined) return true;
  const { published } = notification;
  return matches(policy, {
    messageAttributes: published.attributes,
    body: messageFor(published, subscription.protocol),
  });
}

/**
 * One delivery. A subscription deleted in the meantime gets nothing. When the endpoint throws, the
 * delivery counts as failed and goes to the subscription's dead-letter queue if it has one. SNS's
 * own retry schedule for AWS-managed endpoints (up to 23 days) is not modelled: its endpoints here
 * fail only when the resource is gone, which retrying does not change.
 */
function deliver(state: SnsState, subscription: Subscription, notification: Notification): void {
  if (state.subscriptions.get(subscription.arn) !== subscription) return;
  const { counters, endpoints } = state;
  try {
    if (subscription.protocol === "sqs") {
      endpoints.deliverToQueue(subscription.endpoint, queueDelivery(notification, subscription));
    } else {
      endpoints.invokeFunction(subscription.endpoint, lambdaEvent(notification, subscription));
    }
  } catch {
    counters.deliveryFailures++;
    const deadLetter = subscription.redrivePolicy?.deadLetterTargetArn;
    if (deadLetter !== undefined) {
      try {
        endpoints.deliverToQueue(deadLetter, queueDelivery(notification, subscription));
      } catch {
        // A missing dead-letter queue loses the message, as in SNS.
      }
    }
    return;
  }
  counters.deliveries++;
  const byArn = counters.deliveriesBySubscription;
  byArn[subscription.arn] = (byArn[subscription.arn] ?? 0) + 1;
}
