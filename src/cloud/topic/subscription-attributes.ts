import { AwsServiceError } from "../aws-error.ts";
import { invalidParameter, notSimulated } from "./errors.ts";
import { compileFilterPolicy, type FilterPolicyScope } from "./filter-policy.ts";
import type { Subscription } from "./model.ts";
import { isRecord, parseBooleanAttribute } from "./request.ts";

/** Subscription attributes SNS has that Squall does not simulate for sqs/lambda endpoints. */
const NOT_SIMULATED: Readonly<Record<string, string>> = {
  DeliveryPolicy: "a subscription DeliveryPolicy (HTTP retry policy)",
  SubscriptionRoleArn: "SubscriptionRoleArn (Firehose delivery)",
  ReplayPolicy: "message replay (ReplayPolicy)",
};

/** The changes a set of attributes makes; applied only once every one of them is valid. */
type Changes = Partial<
  Pick<
    Subscription,
    "rawMessageDelivery" | "filterPolicyJson" | "filterPolicy" | "filterPolicyScope" | "redrivePolicy"
  >
>;

/**
 * Validates subscription attributes (Subscribe's `Attributes` or one SetSubscriptionAttributes
 * pair) against a subscription and applies them all or none. `prefix` is SNS's message prefix:
 * `Invalid parameter: Attributes Reason: ` for Subscribe, `Invalid parameter: ` otherwise.
 *
 * @example
 * applySubscriptionAttributes(sub, { RawMessageDelivery: "true" }, "Invalid parameter: ");
 */
export function applySubscriptionAttributes(
  subscription: Subscription,
  attributes: Readonly<Record<string, string>>,
  prefix: string,
): void {
  const changes: Changes = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "RawMessageDelivery") {
      const raw = parseBooleanAttribute(name, value, prefix);
      if (raw && subscription.protocol !== "sqs") {
        throw invalidParameter(
          `${prefix}Delivery protocol [${subscription.protocol}] does not support raw message delivery.`,
        );
      }
      changes.rawMessageDelivery = raw;
    } else if (name === "FilterPolicyScope") {
      if (value !== "MessageAttributes" && value !== "MessageBody") {
        throw invalidParameter(
          `${prefix}FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`,
        );
      }
      changes.filterPolicyScope = value;
    } else if (name === "FilterPolicy") {
      changes.filterPolicyJson = value === "" ? undefined : value;
    } else if (name === "RedrivePolicy") {
      changes.redrivePolicy = value === "" ? undefined : parseRedrivePolicy(value, prefix);
    } else if (Object.hasOwn(NOT_SIMULATED, name)) {
      const operation = prefix.includes("Attributes Reason") ? "Subscribe" : "SetSubscriptionAttributes";
      throw notSimulated(operation, NOT_SIMULATED[name]!, "leave the attribute out");
    } else {
      throw invalidParameter(`${prefix}AttributeName`);
    }
  }
  const scope: FilterPolicyScope = changes.filterPolicyScope ?? subscription.filterPolicyScope;
  const json = "filterPolicyJson" in changes ? changes.filterPolicyJson : subscription.filterPolicyJson;
  if (json !== undefined) changes.filterPolicy = compileWithPrefix(json, scope, prefix);
  else changes.filterPolicy = undefined;
  Object.assign(subscription, changes);
}

/** Compiles a policy, rewording SNS's `Invalid parameter: ` prefix as the caller's. */
function compileWithPrefix(json: string, scope: FilterPolicyScope, prefix: string) {
  try {
    return compileFilterPolicy(json, scope);
  } catch (error) {
    if (error instanceof AwsServiceError && error.message.startsWith("Invalid parameter: ")) {
      throw invalidParameter(prefix + error.message.slice("Invalid parameter: ".length));
    }
    throw error;
  }
}

function parseRedrivePolicy(json: string, prefix: string): { json: string; deadLetterTargetArn: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw invalidParameter(`${prefix}RedrivePolicy: failed to parse JSON.`);
  }
  const target = isRecord(parsed) ? parsed.deadLetterTargetArn : undefined;
  if (typeof target !== "string" || !/^arn:aws[\w-]*:sqs:[\w-]+:\d{12}:[\w-]+(\.fifo)?$/.test(target)) {
    throw invalidParameter(`${prefix}RedrivePolicy: deadLetterTargetArn is invalid`);
  }
  return { json, deadLetterTargetArn: target };
}

/**
 * GetSubscriptionAttributes's map for a subscription (sqs and lambda are confirmed at once).
 *
 * @example
 * describeSubscription(sub, "000000000000").RawMessageDelivery; // "false"
 */
export function describeSubscription(subscription: Subscription, accountId: string): Record<string, string> {
  const attributes: Record<string, string> = {
    SubscriptionArn: subscription.arn,
    TopicArn: subscription.topicArn,
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    Owner: accountId,
    ConfirmationWasAuthenticated: "true",
    PendingConfirmation: "false",
    RawMessageDelivery: String(subscription.rawMessageDelivery),
  };
  if (subscription.filterPolicyJson !== undefined) {
    attributes.FilterPolicy = subscription.filterPolicyJson;
    attributes.FilterPolicyScope = subscription.filterPolicyScope;
  }
  if (subscription.redrivePolicy !== undefined) attributes.RedrivePolicy = subscription.redrivePolicy.json;
  return attributes;
}
