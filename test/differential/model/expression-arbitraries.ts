/**
 * Arbitraries for expressions over the generated items' few attributes: conditions and filters,
 * updates and projections, mostly valid so that requests reach DynamoDB's evaluation.
 */
import fc from "fast-check";
import type { Comparator, Condition, Path, SetValue, Update } from "./expressions.ts";
import { type AttributeValue, attributeValueArb, scalarValueArb, setValueArb } from "./values.ts";

/** Paths over the generated items' attributes, including nested map fields and list indexes. */
export const pathArb: fc.Arbitrary<Path> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("a", "b", "c", "s").map((name) => ({ name, sub: [] })) },
  // Key attributes are legal in conditions but not in filters or updates: rarer, to keep most requests valid.
  { weight: 1, arbitrary: fc.constantFrom("gh", "pk", "sk").map((name) => ({ name, sub: [] })) },
  { weight: 2, arbitrary: fc.constantFrom("x", "y").map((field) => ({ name: "m", sub: [field] })) },
  { weight: 2, arbitrary: fc.constantFrom(0, 1, 4).map((index) => ({ name: "l", sub: [index] })) },
  { weight: 1, arbitrary: fc.constantFrom("l", "m").map((name) => ({ name, sub: [] })) },
);

/** Paths an update may write: never the table's key attributes (that is its own error, rarely useful). */
export const updatePathArb: fc.Arbitrary<Path> = pathArb.filter(
  (path) => path.name !== "pk" && path.name !== "sk",
);

/** Keeps the first of several paths with the same top-level name (overlapping paths are an error). */
export function distinctTop<T>(entries: readonly T[], pathOf: (entry: T) => Path): T[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const name = pathOf(entry).name;
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
}

// BETWEEN bounds of one type, in order one time in ten out of order (its own ValidationException).
type Bounds = readonly [AttributeValue, AttributeValue];
const stringBoundsArb = fc
  .tuple(fc.constantFrom("a", "ab", "b", "c"), fc.constantFrom("a", "ab", "b", "c"))
  .map(([x, y]): Bounds => (x <= y ? [{ S: x }, { S: y }] : [{ S: y }, { S: x }]));
const numberBoundsArb = fc
  .tuple(fc.integer({ min: -2, max: 5 }), fc.integer({ min: -2, max: 5 }))
  .map(([x, y]): Bounds => [{ N: String(Math.min(x, y)) }, { N: String(Math.max(x, y)) }]);
const _betweenBoundsArb = fc
  .tuple(fc.oneof(stringBoundsArb, numberBoundsArb), fc.integer({ min: 0, max: 9 }))
  .map(([[low, high], swap]) => (swap === 0 ? { low: high, high: low } : { low, high }));

const comparatorArb = fc.constantFrom<Comparator>("=", "<>", "<", "<=", ">", ">=");
const sizeValueArb = fc.constantFrom("0", "1", "2").map((N) => ({ N }));

/** Arbitrary conditions, up to a few levels of AND/OR/NOT. */
export const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ kind: fc.constant("exists" as const), path: pathArb, negated: fc.boolean() }),
    fc.record({
      kind: fc.constant("compare" as const),
      path: pathArb,
      op: comparatorArb,
      value: scalarValueArb,
    }),
    fc.record({
      kind: fc.constant("between" as const),
      path: pathArb,
      low: scalarValueArb,
      high: scalarValueArb,
    }),
    fc.record({
      kind: fc.constant("in" as const),
      path: pathArb,
      values: fc.array(scalarValueArb, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant("type" as const),
      path: pathArb,
      type: fc.constantFrom("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL", "X"),
    }),
    fc.record({
      kind: fc.constant("function" as const),
      fn: fc.constant("begins_with" as const),
      path: pathArb,
      // begins_with takes a string or binary operand; other types are rare mistakes.
      value: fc.oneof(
        {
          weight: 6,
          arbitrary: fc.constantFrom({ S: "a" }, { S: "" }, { S: "ab" }, { B: Uint8Array.from([1]) }),
        },
        { weight: 1, arbitrary: scalarValueArb },
      ),
    }),
    fc.record({
      kind: fc.constant("function" as const),
      fn: fc.constant("contains" as const),
      path: pathArb,
      value: scalarValueArb,
    }),
    fc.record({ kind: fc.constant("size" as const), path: pathArb, op: comparatorArb, value: sizeValueArb }),
    fc.record({
      kind: fc.constantFrom("and" as const, "or" as const),
      left: tie("condition"),
      right: tie("condition"),
    }),
    fc.record({ kind: fc.constant("not" as const), inner: tie("condition") }),
  ),
})).condition;

const setValueExprArb: fc.Arbitrary<SetValue> = fc.oneof(
  { weight: 4, arbitrary: attributeValueArb.map((value) => ({ kind: "value" as const, value })) },
  { weight: 1, arbitrary: pathArb.map((path) => ({ kind: "path" as const, path })) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom("plus" as const, "minus" as const),
      path: pathArb,
      value: fc.constantFrom({ N: "1" }, { N: "-2.5" }, { S: "a" }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("if_not_exists" as const),
      path: pathArb,
      value: scalarValueArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("list_append" as const),
      path: pathArb,
      value: fc.constantFrom({ L: [{ S: "z" }] }, { L: [] }, { S: "notalist" }),
      pathFirst: fc.boolean(),
    }),
  },
);

/** Arbitrary update expressions with at least one action, on distinct top-level attributes. */
export const updateArb: fc.Arbitrary<Update> = fc
  .record({
    set: fc.array(fc.record({ path: updatePathArb, value: setValueExprArb }), { maxLength: 2 }),
    remove: fc.array(updatePathArb, { maxLength: 1 }),
    add: fc.array(
      fc.record({
        path: updatePathArb,
        value: fc.oneof(fc.constantFrom({ N: "1" }, { N: "-1" }), setValueArb),
      }),
      { maxLength: 1 },
    ),
    delete: fc.array(fc.record({ path: updatePathArb, value: setValueArb }), { maxLength: 1 }),
  })
  .map((update) => {
    // One path per top-level name across all clauses (the overlap error has its own generated mistake).
    const all = [
      ...update.set.map((a) => ({ clause: "set", a, path: a.path })),
      ...update.remove.map((p) => ({ clause: "remove", a: p, path: p })),
      ...update.add.map((a) => ({ clause: "add", a, path: a.path })),
      ...update.delete.map((a) => ({ clause: "delete", a, path: a.path })),
    ];
    const kept = new Set(distinctTop(all, (entry) => entry.path));
    const keep = <T>(clause: string, list: readonly T[]): T[] =>
      list.filter((entry) => [...kept].some((k) => k.clause === clause && k.a === entry));
    return {
      set: keep("set", update.set),
      remove: keep("remove", update.remove),
      add: keep("add", update.add),
      delete: keep("delete", update.delete),
    };
  })
  .filter((u) => u.set.length + u.remove.length + u.add.length + u.delete.length > 0);

/** Arbitrary projections: one to three paths. */
export const projectionArb: fc.Arbitrary<readonly Path[]> = fc
  .array(pathArb, { minLength: 1, maxLength: 3 })
  .map((paths) => distinctTop(paths, (path) => path));
