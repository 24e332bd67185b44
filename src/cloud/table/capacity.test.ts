import { describe, expect, it } from "vitest";
import type { AwsServiceError } from "../aws-error.ts";
import { TokenBucketCapacityMeter } from "./capacity.ts";
import { ManualKernel } from "./streams/testing.ts";

function errorOf(action: () => void): AwsServiceError | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error as AwsServiceError;
  }
}

function setup(options: { initialSeconds?: number } = {}) {
  const kernel = new ManualKernel();
  const meter = new TokenBucketCapacityMeter({ kernel, ...options });
  meter.configureTable("Orders", {
    billingMode: "PROVISIONED",
    readCapacityUnits: 2,
    writeCapacityUnits: 1,
    indexes: { byCustomer: { readCapacityUnits: 1, writeCapacityUnits: 1 } },
  });
  return { kernel, meter };
}

describe("TokenBucketCapacityMeter", () => {
  it("throttles a provisioned table when its bucket is dry, with DynamoDB's error", () => {
    const { meter } = setup();
    meter.consume("Orders", "write", 1);
    const error = errorOf(() => meter.consume("Orders", "write", 1));
    expect(error).toMatchObject({
      code: "ProvisionedThroughputExceededException",
      message:
        "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.",
      throttling: true,
      statusCode: 400,
      fields: {
        ThrottlingReasons: [
          {
            reason: "TableWriteProvisionedThroughputExceeded",
            resource: "arn:aws:dynamodb:us-east-1:123456789012:table/Orders",
          },
        ],
      },
    });
  });

  it("refills at the provisioned rate per second of virtual time, fractional units included", () => {
    const { kernel, meter } = setup();
    expect(meter.available("Orders", "read")).toBe(2);
    for (let i = 0; i < 4; i++) meter.consume("Orders", "read", 0.5);
    expect(errorOf(() => meter.consume("Orders", "read", 0.5))?.code).toBe(
      "ProvisionedThroughputExceededException",
    );
    kernel.advance(250);
    meter.consume("Orders", "read", 0.5);
    expect(errorOf(() => meter.consume("Orders", "read", 0.5))).toBeDefined();
  });

  it("saves unused capacity for bursts, up to 300 seconds' worth", () => {
    const { kernel, meter } = setup();
    kernel.advance(3600 * 1000);
    expect(meter.available("Orders", "write")).toBe(300);
    for (let i = 0; i < 300; i++) meter.consume("Orders", "write", 1);
    expect(errorOf(() => meter.consume("Orders", "write", 1))).toBeDefined();
  });

  it("throttles a write whose GSI is short, without consuming the table's capacity", () => {
    const { meter } = setup({ initialSeconds: 10 });
    meter.consumeAll("Orders", "write", [{ units: 1 }, { units: 1, indexName: "byCustomer" }]);
    for (let i = 0; i < 9; i++) meter.consume("Orders", "write", 1, "byCustomer");
    const error = errorOf(() =>
      meter.consumeAll("Orders", "write", [{ units: 1 }, { units: 1, indexName: "byCustomer" }]),
    );
    expect(error?.message).toContain("one or more global secondary indexes");
    expect(error?.fields.ThrottlingReasons).toEqual([
      {
        reason: "IndexWriteProvisionedThroughputExceeded",
        resource: "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/index/byCustomer",
      },
    ]);
    expect(meter.available("Orders", "write")).toBe(9);
  });

  it("lets a request larger than the whole bucket through when the bucket is full", () => {
    const { kernel, meter } = setup({ initialSeconds: 300 });
    meter.consume("Orders", "write", 400);
    expect(meter.available("Orders", "write")).toBe(-100);
    expect(errorOf(() => meter.consume("Orders", "write", 1))).toBeDefined();
    kernel.advance(101_000);
    meter.consume("Orders", "write", 1);
  });

  it("never throttles on-demand tables unless the fault hook says so", () => {
    const kernel = new ManualKernel();
    const meter = new TokenBucketCapacityMeter({ kernel });
    meter.configureTable("Events", { billingMode: "PAY_PER_REQUEST" });
    for (let i = 0; i < 10_000; i++) meter.consume("Events", "write", 40);
    const calls: unknown[] = [];
    meter.faultHook = (tableName, kind, indexName) => {
      calls.push([tableName, kind, indexName]);
      return kind === "read";
    };
    meter.consume("Events", "write", 1);
    const error = errorOf(() => meter.consume("Events", "read", 1, "byType"));
    expect(error).toMatchObject({ code: "ProvisionedThroughputExceededException", throttling: true });
    expect(error?.message).toMatch(/^Throughput exceeds the current capacity of your table or index/);
    expect(calls).toEqual([
      ["Events", "write", undefined],
      ["Events", "read", "byType"],
    ]);
  });

  it("keeps saved capacity across UpdateTable, up to the new burst size", () => {
    const { kernel, meter } = setup();
    kernel.advance(100_000);
    meter.configureTable("Orders", {
      billingMode: "PROVISIONED",
      readCapacityUnits: 2,
      writeCapacityUnits: 10,
    });
    expect(meter.available("Orders", "write")).toBe(101);
    meter.configureTable("Orders", { billingMode: "PAY_PER_REQUEST" });
    expect(meter.available("Orders", "write")).toBe(Number.POSITIVE_INFINITY);
  });
});
