import type { ResourceRef } from "./model.ts";

/**
 * References to another resource of the app, for a function's environment variables: the target
 * sets each to the resource's physical name, URL or ARN, as a deployed stack would.
 *
 * @example
 * environment: { TABLE_NAME: tableName("Inventory"), QUEUE_URL: queueUrl("Orders") }
 */
export function tableName(table: string): ResourceRef {
  return { ref: table, kind: "table", attribute: "name" };
}

/** The ARN of a table of the app. @example tableArn("Inventory") */
export function tableArn(table: string): ResourceRef {
  return { ref: table, kind: "table", attribute: "arn" };
}

/** The URL of a queue of the app (what SQS calls take). @example queueUrl("Orders") */
export function queueUrl(queue: string): ResourceRef {
  return { ref: queue, kind: "queue", attribute: "url" };
}

/** The ARN of a queue of the app. @example queueArn("Orders") */
export function queueArn(queue: string): ResourceRef {
  return { ref: queue, kind: "queue", attribute: "arn" };
}

/** The ARN of a topic of the app (what SNS Publish takes). @example topicArn("StockEvents") */
export function topicArn(topic: string): ResourceRef {
  return { ref: topic, kind: "topic", attribute: "arn" };
}

/** The physical name of a function of the app. @example functionName("reorder") */
export function functionName(fn: string): ResourceRef {
  return { ref: fn, kind: "function", attribute: "name" };
}

/** Whether a value is a {@link ResourceRef}. @example isResourceRef(queueUrl("Orders")) // true */
export function isResourceRef(value: unknown): value is ResourceRef {
  return (
    typeof value === "object" && value !== null && "ref" in value && "kind" in value && "attribute" in value
  );
}
