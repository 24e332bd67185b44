import { describe, expect, it } from "vitest";
import { AppDefinitionError } from "./app-definition-error.ts";
import { defineApp } from "./define-app.ts";
import type { AppDefinition } from "./model.ts";
import { queueUrl, tableName, topicArn } from "./refs.ts";

const base = {
  name: "shop",
  root: import.meta.url,
  tables: {
    Inventory: { partitionKey: { name: "sku", type: "S" }, stream: "NEW_AND_OLD_IMAGES" },
    Plain: { partitionKey: { name: "id", type: "S" } },
  },
  queues: {
    Orders: { deadLetter: { queue: "OrdersDLQ", maxReceiveCount: 3 } },
    OrdersDLQ: {},
    Jobs: { fifo: true },
  },
  topics: {
    StockEvents: {
      subscriptions: [{ queue: "Orders", filterPolicy: { low: ["true"] } }, { function: "notify" }],
    },
  },
  functions: {
    reserve: {
      handler: "testing/noop-handler.ts#handler",
      environment: {
        TABLE: tableName("Inventory"),
        QUEUE: queueUrl("Orders"),
        TOPIC: topicArn("StockEvents"),
        MODE: "x",
      },
      events: [{ queue: "Orders", batchSize: 10, reportBatchItemFailures: true }],
    },
    notify: {
      handler: "testing/noop-handler.ts#handler",
      events: [{ stream: "Inventory", bisectBatchOnFunctionError: true }],
    },
  },
} satisfies AppDefinition;

/** The issues of the base app with one setting changed; `at` is a dotted path, `[i]` steps into arrays. */
function issuesOf(at: string, value: unknown): readonly string[] {
  const app: unknown = structuredClone(base);
  const steps = at.replaceAll(/\[(\d+)\]/g, ".$1").split(".");
  let node = app as Record<string, unknown>;
  for (const step of steps.slice(0, -1)) node = node[step] as Record<string, unknown>;
  node[steps.at(-1) as string] = value;
  try {
    defineApp(app as AppDefinition);
  } catch (error) {
    if (error instanceof AppDefinitionError) return error.issues;
    throw error;
  }
  return [];
}

describe("defineApp: queues, topics, functions and their wiring", () => {
  it("accepts a wired app and resolves its root from import.meta.url", () => {
    const app = defineApp(base);
    expect(app.root).toBe(import.meta.dirname);
    expect(Object.keys(app.functions)).toEqual(["reserve", "notify"]);
    expect(app.queues.Jobs?.fifo).toBe(true);
  });

  it.each([
    [
      "a handler file that does not exist",
      "functions.reserve.handler",
      "nope.ts#handler",
      /app\.functions\.reserve\.handler: file .*nope\.ts does not exist/,
    ],
    [
      "a handler without an export name",
      "functions.reserve.handler",
      "testing/noop-handler.ts",
      /app\.functions\.reserve\.handler: expected "path\/to\/file\.ts#exportName"/,
    ],
    [
      "an event source naming an unknown queue",
      "functions.reserve.events[0].queue",
      "Ordres",
      /app\.functions\.reserve\.events\[0\]\.queue: "Ordres" is not a queue of this app \(declared: Orders, OrdersDLQ, Jobs\)/,
    ],
    [
      "a stream source on a table without a stream",
      "functions.notify.events[0].stream",
      "Plain",
      /table "Plain" has no stream: add stream/,
    ],
    [
      "a batch above 10 without a batching window",
      "functions.reserve.events[0].batchSize",
      100,
      /batchSize: above 10 needs maximumBatchingWindowSeconds/,
    ],
    [
      "a FIFO dead-letter queue for a standard queue",
      "queues.Orders.deadLetter.queue",
      "Jobs",
      /deadLetter\.queue: "Jobs" is a FIFO queue/,
    ],
    [
      "a variable Lambda reserves",
      "functions.reserve.environment.AWS_REGION",
      "eu-west-1",
      /environment\.AWS_REGION: is set by Lambda itself/,
    ],
    [
      "a reference to a table that does not exist",
      "functions.reserve.environment.TABLE",
      tableName("Inventroy"),
      /environment\.TABLE: "Inventroy" is not a table of this app/,
    ],
    [
      "a Lambda subscription on a FIFO topic",
      "topics.StockEvents.fifo",
      true,
      /subscriptions\[1\]\.function: a FIFO topic delivers to SQS queues only/,
    ],
    [
      "more provisioned than reserved concurrency",
      "functions.reserve.provisionedConcurrency",
      1001,
      /provisionedConcurrency: expected a whole number from 0 to 1000/,
    ],
    [
      "a duplicate probability above 1",
      "delivery",
      { duplicateDeliveryProbability: 2 },
      /app\.delivery\.duplicateDeliveryProbability: expected a probability from 0 to 1/,
    ],
  ])("names the path and the fix for %s", (_what, at, value, expected) => {
    const issues = issuesOf(at, value);
    expect(
      issues.some((i) => expected.test(i)),
      issues.join("\n"),
    ).toBe(true);
  });

  it("refuses one logical name for two resources", () => {
    expect(() => defineApp({ ...base, queues: { ...base.queues, Inventory: {} } })).toThrow(
      /app\.queues\.Inventory: "Inventory" already names one of app\.tables/,
    );
  });

  it("refuses more provisioned than reserved concurrency", () => {
    const reserve = { ...base.functions.reserve, reservedConcurrency: 1, provisionedConcurrency: 2 };
    expect(() => defineApp({ ...base, functions: { ...base.functions, reserve } })).toThrow(
      /app\.functions\.reserve\.provisionedConcurrency: cannot exceed reservedConcurrency/,
    );
  });
});
