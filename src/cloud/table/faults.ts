import { SquallError } from "../../core/errors.ts";
import { checkFaultKnobs } from "../fault-knobs.ts";

/**
 * DynamoDB's fault knobs, which a run may change (see `SimulatedDynamoDb.setFaults`). Every
 * decision is drawn from the choice stream as `fault.dynamodb.<kind>.<where>`; a knob left out or
 * 0 draws nothing.
 *
 * @example const faults: DynamoDbFaultOptions = { throttleProbability: 0.05, tables: { Orders: { operations: { PutItem: 0.5 } } } };
 */
export interface DynamoDbFaultOptions {
  /**
   * A data-plane request is throttled with ProvisionedThroughputExceededException (which the SDK
   * retries), drawn once per request and table as `fault.dynamodb.throttle.<table>.<operation>`.
   */
  readonly throttleProbability?: number;
  /**
   * An eventually consistent read sees the table as it was up to this much earlier
   * (`fault.dynamodb.readLag.<table>`); widens, never narrows, the service's `eventualReadLagMs`.
   */
  readonly readLagMsMax?: number;
  /** Every DynamoDB call takes a latency drawn from [latencyMsMin, latencyMsMax] (`fault.dynamodb.latency.<operation>`). */
  readonly latencyMsMin?: number;
  readonly latencyMsMax?: number;
  /** Per table: a throttle probability overriding `throttleProbability`, optionally per operation. */
  readonly tables?: Readonly<Record<string, TableFaultOptions>>;
}

/** One table's throttle fault; the most specific probability given wins. */
export interface TableFaultOptions {
  readonly throttleProbability?: number;
  /** Per operation (`PutItem`, `TransactWriteItems`, …; see {@link THROTTLED_OPERATIONS}). */
  readonly operations?: Readonly<Record<string, number>>;
}

/** The operations that consume capacity, and so can be throttled. */
export const THROTTLED_OPERATIONS: readonly string[] = [
  "GetItem",
  "PutItem",
  "UpdateItem",
  "DeleteItem",
  "Query",
  "Scan",
  "BatchGetItem",
  "BatchWriteItem",
  "TransactGetItems",
  "TransactWriteItems",
];

/**
 * The throttle probability of one operation on one table: the table's per-operation value, else
 * the table's, else the plan-wide one; undefined when none is set.
 *
 * @example throttleProbabilityOf({ tables: { Orders: { operations: { PutItem: 0.5 } } } }, "Orders", "PutItem") // 0.5
 */
export function throttleProbabilityOf(
  faults: DynamoDbFaultOptions,
  tableName: string,
  operation: string,
): number | undefined {
  const table =
    faults.tables !== undefined && Object.hasOwn(faults.tables, tableName)
      ? faults.tables[tableName]
      : undefined;
  const operations = table?.operations;
  const byOperation =
    operations !== undefined && Object.hasOwn(operations, operation) ? operations[operation] : undefined;
  return byOperation ?? table?.throttleProbability ?? faults.throttleProbability;
}

/**
 * Checks DynamoDB fault knobs; returns them. SquallError naming the bad knob.
 *
 * @example validateDynamoDbFaults({ latencyMsMin: 1, latencyMsMax: 50 })
 */
export function validateDynamoDbFaults(faults: DynamoDbFaultOptions): DynamoDbFaultOptions {
  const checked = checkFaultKnobs("DynamoDB", faults, {
    throttleProbability: "probability",
    readLagMsMax: "ms",
    latencyMsMin: "ms",
    latencyMsMax: "ms",
  });
  const { latencyMsMin = 0, latencyMsMax } = checked;
  if (latencyMsMin > 0 && (latencyMsMax === undefined || latencyMsMax < latencyMsMin))
    throw new SquallError(
      `DynamoDB fault latencyMsMin (${latencyMsMin}) needs a latencyMsMax at least as large (got ${String(latencyMsMax)})`,
    );
  const tables: Record<string, TableFaultOptions> = {};
  for (const [name, table] of Object.entries(faults.tables ?? {})) {
    const operations = table.operations ?? {};
    for (const operation of Object.keys(operations))
      if (!THROTTLED_OPERATIONS.includes(operation))
        throw new SquallError(
          `DynamoDB fault tables.${name}.operations.${operation}: not an operation that can be throttled (${THROTTLED_OPERATIONS.join(", ")})`,
        );
    const knobs = Object.fromEntries(Object.keys(operations).map((op) => [op, "probability" as const]));
    tables[name] = {
      ...checkFaultKnobs(`DynamoDB table ${name}`, table, { throttleProbability: "probability" }),
      operations: checkFaultKnobs(`DynamoDB table ${name}`, operations, knobs),
    };
  }
  return faults.tables === undefined ? checked : { ...checked, tables };
}
