/**
 * The simulated table behind the {@link TableDriver} interface, for the differential tests.
 *
 * Each call of the factory returns a driver over a fresh, empty simulated DynamoDB (one per case),
 * with its streams, TTL and capacity kept in step by {@link SimulatedDynamoDb}. Requests arrive
 * exactly as the SDK's low-level commands take them (`B` values are Uint8Array).
 */
import { AwsServiceError } from "../../src/cloud/aws-error.ts";
import { SimulatedDynamoDb } from "../../src/cloud/table/simulated-dynamodb.ts";
import { FakeKernel } from "../../src/cloud/table/testing/fake-kernel.ts";
import type { TableDriver, TableDriverFactory } from "./driver.ts";

/** Anything with the synchronous `handle` of a simulated service (see src/cloud/services.ts). */
export interface HandlesOperations {
  handle(operation: string, input: Record<string, unknown>): Record<string, unknown>;
}

/** The simulated services a differential run talks to. */
export interface SimulatedTableServices {
  /** Answers CreateTable, PutItem, Query, ... */
  readonly tables: HandlesOperations;
  /** Answers ListStreams, DescribeStream, GetShardIterator, GetRecords; `tables` when omitted. */
  readonly streams?: HandlesOperations;
}

const streamOperations = new Set(["ListStreams", "DescribeStream", "GetShardIterator", "GetRecords"]);

/**
 * Adapts synchronous simulated services to a {@link TableDriver}. An `AwsServiceError` becomes an
 * error outcome with its code, message and fields; anything else thrown is a crash inside Squall
 * and is reported as `SquallCrash:<name>` so it shows up as a difference, never as agreement.
 *
 * @example
 * const driver = simulatedServiceDriver({ tables: new DynamoDbService(new FakeKernel(), {}) });
 */
export function simulatedServiceDriver(services: SimulatedTableServices): TableDriver {
  return {
    async send(operation, input) {
      const service = streamOperations.has(operation)
        ? (services.streams ?? services.tables)
        : services.tables;
      try {
        const output = service.handle(operation, input);
        return {
          ok: true,
          output: Object.fromEntries(Object.entries(output).filter(([, v]) => v !== undefined)),
        };
      } catch (error) {
        if (error instanceof AwsServiceError) {
          const fields = Object.keys(error.fields).length === 0 ? {} : { fields: { ...error.fields } };
          return { ok: false, errorName: error.code, message: error.message, ...fields };
        }
        const name = error instanceof Error ? error.name : typeof error;
        const message = error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error);
        return { ok: false, errorName: `SquallCrash:${name}`, message };
      }
    },
  };
}

/**
 * The simulated table's driver factory. `SQUALL_DIFF_SELFCHECK=1` returns undefined instead, so
 * the differential test compares DynamoDB Local with itself (a check of the machinery).
 *
 * @example
 * const factory = simulatedDriverFactory() ?? dynamodbLocalDriverFactory("selfcheck");
 */
export function simulatedDriverFactory(): TableDriverFactory | undefined {
  if (process.env.SQUALL_DIFF_SELFCHECK === "1") return undefined;
  return () => {
    const dynamodb = new SimulatedDynamoDb(new FakeKernel({ nowMs: Date.now(), seed: 1 }));
    return simulatedServiceDriver({ tables: dynamodb.service, streams: dynamodb.streamsService });
  };
}
