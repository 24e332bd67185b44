/**
 * Deliberate mistakes applied to otherwise generated requests: every one must get the error
 * DynamoDB gives (mostly ValidationException with its exact message), never a crash.
 */
import fc from "fast-check";
import type { Step } from "./operations.ts";
import { MISSING_TABLE } from "./schema.ts";
import { invalidValueArb } from "./values.ts";

/** A change to one top-level member of a request. */
interface Mutation {
  readonly member: string;
  apply(input: Record<string, unknown>): Record<string, unknown>;
}

const withMember = (member: string, value: unknown): Mutation => ({
  member,
  apply: (input) => ({ ...input, [member]: value }),
});

const withoutMember = (member: string): Mutation => ({
  member,
  apply: (input) => Object.fromEntries(Object.entries(input).filter(([name]) => name !== member)),
});

const expressionMembers = ["ExpressionAttributeNames", "ExpressionAttributeValues"];
const writeMembers = [
  "TableName",
  "ConditionExpression",
  ...expressionMembers,
  "ReturnValues",
  "ReturnValuesOnConditionCheckFailure",
];
const readMembers = [
  "TableName",
  "IndexName",
  "FilterExpression",
  "ProjectionExpression",
  ...expressionMembers,
];

// The members each operation has. The SDK serialises only these, so a mistake in any other member
// never reaches DynamoDB; mutating it would only test how an implementation ignores junk.
const membersOf: Readonly<Record<string, readonly string[]>> = {
  PutItem: [...writeMembers, "Item"],
  UpdateItem: [...writeMembers, "Key", "UpdateExpression"],
  DeleteItem: [...writeMembers, "Key"],
  GetItem: ["TableName", "Key", "ProjectionExpression", "ExpressionAttributeNames", "ConsistentRead"],
  Query: [
    ...readMembers,
    "KeyConditionExpression",
    "Limit",
    "Select",
    "ExclusiveStartKey",
    "ScanIndexForward",
  ],
  Scan: [...readMembers, "Limit", "Select", "ExclusiveStartKey"],
};

// Replaces (or adds) an expression, to exercise the parser's errors.
const brokenExpression = fc
  .record({
    member: fc.constantFrom(
      "ConditionExpression",
      "UpdateExpression",
      "ProjectionExpression",
      "FilterExpression",
      "KeyConditionExpression",
    ),
    text: fc.constantFrom(
      "",
      "SET",
      "a = ",
      "attribute_exists(",
      "#undefined = :undefined",
      "name = :v0",
      "SET a = :v0 REMOVE a",
      "SET a = :v0, a.b = :v0",
      "a.b[x]",
      "a BETWEEN :v0",
      "size(a) = size(b) = c",
      "((a = a)",
      "SET a = a + a + a",
      "NOT",
    ),
  })
  .map(({ member, text }) => withMember(member, text));

const itemMutation = fc.record({ name: fc.constantFrom("a", "pk", "gh"), value: invalidValueArb }).map(
  ({ name, value }): Mutation => ({
    member: "Item",
    apply: (input) => ({ ...input, Item: { ...(input.Item as Record<string, unknown>), [name]: value } }),
  }),
);

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  brokenExpression,
  itemMutation,
  fc.constantFrom<Mutation>(
    withMember("TableName", MISSING_TABLE),
    withMember("TableName", "ab"),
    withMember("TableName", "bad name!"),
    withoutMember("TableName"),
    withoutMember("Key"),
    withoutMember("ExpressionAttributeValues"),
    withoutMember("ExpressionAttributeNames"),
    withMember("ExpressionAttributeValues", { ":unused": { S: "x" } }),
    withMember("ExpressionAttributeNames", { "#unused": "a" }),
    withMember("ReturnValues", "BOGUS"),
    withMember("ReturnValues", "UPDATED_NEW"),
    withMember("Limit", 0),
    withMember("Select", "SPECIFIC_ATTRIBUTES"),
    withMember("ConditionExpression", "attribute_exists(a)"),
  ),
);

/**
 * Wraps a step arbitrary so that about one step in `oneIn` carries a deliberate mistake.
 *
 * @example
 * const steps = withMistakes(putItemArb(schema), 8);
 */
export function withMistakes(stepArb: fc.Arbitrary<Step>, oneIn: number): fc.Arbitrary<Step> {
  return fc
    .tuple(stepArb, fc.option(mutationArb, { nil: undefined, freq: oneIn - 1 }))
    .map(([step, mutation]) => {
      if (mutation === undefined || !(membersOf[step.operation] ?? []).includes(mutation.member)) return step;
      return { ...step, input: mutation.apply(step.input) };
    });
}
