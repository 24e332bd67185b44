/**
 * A generated differential case: a table schema and a sequence of requests against it, the first
 * of which creates the table. Small key pools make the requests collide on the same items.
 */
import fc from "fast-check";
import { withMistakes } from "./malformed.ts";
import {
  batchGetItemArb,
  batchWriteItemArb,
  deleteItemArb,
  getItemArb,
  putItemArb,
  type Step,
  updateItemArb,
} from "./operations.ts";
import { queryArb, scanArb } from "./reads.ts";
import { createTableInput, TABLE_NAME, type TableSchema, tableSchemaArb } from "./schema.ts";
import { transactGetItemsArb, transactWriteItemsArb } from "./transactions.ts";

export type { Step } from "./operations.ts";

/** A schema and the requests to run, CreateTable first. */
export interface DiffCase {
  readonly schema: TableSchema;
  readonly steps: readonly Step[];
}

/** Options for {@link diffCaseArb}. */
export interface DiffCaseOptions {
  /** Most requests after CreateTable (default 20). */
  readonly maxSteps?: number;
  /** About one request in this many carries a deliberate mistake (default 8). */
  readonly mistakeOneIn?: number;
}

function stepArb(schema: TableSchema): fc.Arbitrary<Step> {
  return fc.oneof(
    { weight: 24, arbitrary: putItemArb(schema) },
    { weight: 24, arbitrary: updateItemArb(schema) },
    { weight: 12, arbitrary: getItemArb(schema) },
    { weight: 12, arbitrary: deleteItemArb(schema) },
    { weight: 16, arbitrary: queryArb(schema) },
    { weight: 12, arbitrary: scanArb(schema) },
    { weight: 4, arbitrary: batchGetItemArb(schema) },
    { weight: 8, arbitrary: batchWriteItemArb(schema) },
    { weight: 12, arbitrary: transactWriteItemsArb(schema) },
    { weight: 4, arbitrary: transactGetItemsArb(schema) },
    // A second CreateTable (ResourceInUseException) and DescribeTable, rarely.
    { weight: 2, arbitrary: fc.constant({ operation: "DescribeTable", input: { TableName: TABLE_NAME } }) },
    { weight: 1, arbitrary: fc.constant({ operation: "CreateTable", input: createTableInput(schema) }) },
  );
}

/**
 * Arbitrary differential cases.
 *
 * @example
 * const cases = fc.sample(diffCaseArb({ maxSteps: 10 }), { seed: 1, numRuns: 5 });
 */
export function diffCaseArb(options: DiffCaseOptions = {}): fc.Arbitrary<DiffCase> {
  const maxSteps = options.maxSteps ?? 20;
  const mistakeOneIn = options.mistakeOneIn ?? 8;
  return tableSchemaArb().chain((schema) =>
    fc
      .array(withMistakes(stepArb(schema), mistakeOneIn), { minLength: 1, maxLength: maxSteps })
      .map((steps) => ({
        schema,
        steps: [{ operation: "CreateTable", input: createTableInput(schema) }, ...steps],
      })),
  );
}
