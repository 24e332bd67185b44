/**
 * The simulated table behind the {@link TableDriver} interface, for the differential tests.
 *
 * ─── WIRING POINT (lead) ───────────────────────────────────────────────────────────────────────
 * {@link simulatedDriverFactory} returns `undefined` until the simulated table exists; the
 * differential test then runs its self-check (DynamoDB Local against DynamoDB Local). To compare
 * the simulation against DynamoDB Local, make it return a factory, e.g. (names as of this writing):
 *
 *   import { DynamoDbService } from "../../src/cloud/table/service.ts";
 *   import { DynamoDbStreamsService } from "../../src/cloud/table/streams/service.ts";
 *   import { StreamStore } from "../../src/cloud/table/streams/store.ts";
 *   import { FakeKernel } from "../../src/cloud/table/testing/fake-kernel.ts";
 *   return () => {
 *     const kernel = new FakeKernel({ seed: 1 });
 *     const store = new StreamStore({ kernel });
 *     const tables = new DynamoDbService(kernel, { onChange: store.onChange }); // + enableStream glue
 *     return simulatedServiceDriver({ tables, streams: new DynamoDbStreamsService(store, kernel) });
 *   };
 *
 * Each call of the factory must return a driver over a fresh, empty service (one per case).
 * Requests arrive exactly as the SDK's low-level commands take them (`B` values are Uint8Array).
 * ─────────────────────────────────────────────────────────────────────────────────────────────
 */
import { AwsServiceError } from "../../src/cloud/aws-error.ts";
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
 * The simulated table's driver factory, or undefined while it is not wired (see the top of this
 * file).
 *
 * @example
 * const factory = simulatedDriverFactory() ?? dynamodbLocalDriverFactory("selfcheck");
 */
export function simulatedDriverFactory(): TableDriverFactory | undefined {
  // WIRE HERE: return a factory as shown above once src/cloud/table exposes DynamoDbService.
  return undefined;
}
