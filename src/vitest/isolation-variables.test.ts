import path from "node:path";
import { describe, expect, it } from "vitest";
import { defineApp } from "../app/define-app.ts";
import type { AppDefinition } from "../app/model.ts";
import { functionName, queueUrl, tableName, topicArn } from "../app/refs.ts";
import { simulate } from "../targets/sim/simulated-cloud.ts";
import { IsolationError } from "./isolation-error.ts";
import { isolationVariables } from "./isolation-variables.ts";

const root = path.join(import.meta.dirname, "../app/testing");
const handler = "noop-handler.ts#handler";
const app = defineApp({
  name: "shop",
  root,
  tables: { Inventory: { partitionKey: { name: "sku", type: "S" } } },
  queues: { Orders: {}, "Payments.fifo": { fifo: true } },
  topics: { StockEvents: {} },
  functions: {
    reserveStock: {
      handler,
      environment: { TABLE_NAME: tableName("Inventory"), ORDERS_QUEUE: queueUrl("Orders"), LEVEL: "debug" },
    },
    notify: {
      handler,
      environment: {
        TABLE_NAME: tableName("Inventory"),
        TOPIC: topicArn("StockEvents"),
        NEXT: functionName("reserveStock"),
      },
    },
  },
});

describe("isolationVariables", () => {
  it("gives every resource a SQUALL_<KIND>_<LOGICAL> name and ARN, queues a URL", () => {
    const vars = isolationVariables(app, "pr-42-w1");
    expect(vars).toMatchObject({
      SQUALL_NAME_PREFIX: "pr-42-w1",
      SQUALL_TABLE_INVENTORY: "pr-42-w1-Inventory",
      SQUALL_TABLE_INVENTORY_ARN: "arn:aws:dynamodb:us-east-1:000000000000:table/pr-42-w1-Inventory",
      SQUALL_QUEUE_ORDERS: "pr-42-w1-Orders",
      SQUALL_QUEUE_ORDERS_URL: "https://sqs.us-east-1.amazonaws.com/000000000000/pr-42-w1-Orders",
      SQUALL_QUEUE_ORDERS_ARN: "arn:aws:sqs:us-east-1:000000000000:pr-42-w1-Orders",
      SQUALL_QUEUE_PAYMENTS_FIFO: "pr-42-w1-Payments.fifo",
      SQUALL_TOPIC_STOCK_EVENTS: "pr-42-w1-StockEvents",
      SQUALL_TOPIC_STOCK_EVENTS_ARN: "arn:aws:sns:us-east-1:000000000000:pr-42-w1-StockEvents",
      SQUALL_FUNCTION_RESERVE_STOCK: "pr-42-w1-reserveStock",
      SQUALL_FUNCTION_NOTIFY_ARN: "arn:aws:lambda:us-east-1:000000000000:function:pr-42-w1-notify",
    });
  });

  it("sets the functions' resource references as the deployed functions see them, and no plain values", () => {
    const vars = isolationVariables(app, "run-7-w2", { region: "eu-west-1", accountId: "123456789012" });
    expect(vars.TABLE_NAME).toBe("run-7-w2-Inventory");
    expect(vars.ORDERS_QUEUE).toBe("https://sqs.eu-west-1.amazonaws.com/123456789012/run-7-w2-Orders");
    expect(vars.TOPIC).toBe("arn:aws:sns:eu-west-1:123456789012:run-7-w2-StockEvents");
    expect(vars.NEXT).toBe("run-7-w2-reserveStock");
    expect(vars.LEVEL).toBeUndefined();
  });

  it("agrees with the names the simulation gives its handlers", async () => {
    const cloud = await simulate(app, { seed: 1, namePrefix: "pr-42-w3" });
    try {
      const vars = isolationVariables(app, "pr-42-w3");
      expect(vars.ORDERS_QUEUE).toBe(cloud.names.queueUrl("Orders"));
      expect(vars.TOPIC).toBe(cloud.names.arn("StockEvents"));
      expect(vars.SQUALL_TABLE_INVENTORY).toBe(cloud.tableName("Inventory"));
      expect(vars.SQUALL_QUEUE_PAYMENTS_FIFO_URL).toBe(cloud.names.queueUrl("Payments.fifo"));
    } finally {
      await cloud.dispose();
    }
  });

  it("refuses a variable two functions set differently, unless told whose to take", () => {
    const clash = defineApp({
      name: "clash",
      root,
      tables: {
        Orders: { partitionKey: { name: "id", type: "S" } },
        Stock: { partitionKey: { name: "id", type: "S" } },
      },
      functions: {
        a: { handler, environment: { TABLE_NAME: tableName("Orders") } },
        b: { handler, environment: { TABLE_NAME: tableName("Stock") } },
      },
    });
    expect(() => isolationVariables(clash, "p")).toThrow(
      'environment variable TABLE_NAME would be "p-Orders" for function "a" and "p-Stock" for function "b": ' +
        "pass { functions: [...] } to squallWorkerSetup",
    );
    expect(isolationVariables(clash, "p", { functions: ["b"] }).TABLE_NAME).toBe("p-Stock");
    expect(() => isolationVariables(clash, "p", { functions: ["c"] })).toThrow(
      'functions option names "c", which is not a function of app "clash" (its functions: a, b)',
    );
  });

  it("refuses two resources whose generic names collide", () => {
    const def: AppDefinition = { name: "twins", root, queues: { "order-q": {}, order_q: {} } };
    expect(() => isolationVariables(defineApp(def), "p")).toThrow(
      'SQUALL_QUEUE_ORDER_Q would be "p-order-q" for queue "order-q" and "p-order_q" for queue "order_q": rename one',
    );
  });

  it("refuses a physical name over the service's limit, naming the resource and the fix", () => {
    const long = defineApp({ name: "long", root, functions: { [`f${"x".repeat(40)}`]: { handler } } });
    // 22 + "-" + 41 = 64 fits Lambda's limit exactly; one more character does not.
    expect(Object.values(isolationVariables(long, "pr-1234567890-run-9-w1"))).toContain(
      `pr-1234567890-run-9-w1-f${"x".repeat(40)}`,
    );
    expect(() => isolationVariables(long, "pr-12345678901-run-9-w1")).toThrow(IsolationError);
    expect(() => isolationVariables(long, "pr-1234567890123-run-99-w1")).toThrow(
      /\(68 characters\) with prefix "pr-1234567890123-run-99-w1", but Lambda allows 64: shorten the logical name, or SQUALL_STACK_PREFIX/,
    );
    expect(() => isolationVariables(app, "bad prefix")).toThrow(/may only use letters, digits/);
  });
});
