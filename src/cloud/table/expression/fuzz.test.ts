import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AwsServiceError } from "../../aws-error.ts";
import { validateAttributeValue, validateItem } from "../value-validate.ts";
import type { AttributeValue, Item } from "../values.ts";
import { compileCondition, evaluateCondition } from "./condition.ts";
import { ExpressionContext } from "./context.ts";
import { compileKeyCondition } from "./key-condition.ts";
import { compileProjection, project } from "./projection.ts";
import { compileUpdate, updatedTopLevelNames } from "./update.ts";
import { applyUpdate } from "./update-apply.ts";

/** Runs `fn`; the only failure allowed to escape is DynamoDB's ValidationException. */
function onlyValidationErrors(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof AwsServiceError) || error.code !== "ValidationException") throw error;
  }
}

const names = { "#a": "a", "#n": "name", "#m": "m" };
const item: Item = {
  a: { N: "1" },
  name: { S: "x" },
  s: { SS: ["p", "q"] },
  m: { M: { l: { L: [{ N: "2" }, { S: "t" }, { M: {} }] }, b: { B: new Uint8Array([1]) } } },
  l: { L: [{ N: "1" }, { NS: ["1", "2"] }] },
};

// Fragments of the grammar, so random strings reach deep into the parser, not just the lexer.
const fragment = fc.constantFrom(
  "a",
  "m",
  "l",
  "s",
  "name",
  "#a",
  "#n",
  "#m",
  "#zz",
  ":n",
  ":s",
  ":l",
  ":ss",
  ":b",
  ":z",
  "=",
  "<>",
  "<",
  "<=",
  ">",
  ">=",
  "(",
  ")",
  "[",
  "]",
  "0",
  "1",
  "2",
  "99999999999",
  ".",
  ",",
  "+",
  "-",
  "AND",
  "or",
  "NOT",
  "BETWEEN",
  "IN",
  "SET",
  "REMOVE",
  "ADD",
  "DELETE",
  "size",
  "contains",
  "begins_with",
  "attribute_exists",
  "attribute_not_exists",
  "attribute_type",
  "if_not_exists",
  "list_append",
  "foo",
  " ",
  "$",
  "é",
  "\u{1F600}",
  "",
);
const expression = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.array(fragment, { maxLength: 16 }).map((parts) => parts.join(" ")),
  fc.array(fragment, { maxLength: 16 }).map((parts) => parts.join("")),
);

function context(): ExpressionContext {
  return new ExpressionContext(names, {
    ":n": { N: "1" },
    ":s": { S: "p" },
    ":l": { L: [{ N: "3" }] },
    ":ss": { SS: ["q", "r"] },
    ":b": { B: new Uint8Array([1]) },
  });
}

describe("fuzz: expressions never crash with anything but ValidationException", () => {
  it("conditions compile and evaluate", () => {
    fc.assert(
      fc.property(expression, (text) => {
        onlyValidationErrors(() => {
          const ctx = context();
          const condition = compileCondition(text, ctx, "ConditionExpression");
          expect(typeof evaluateCondition(condition, item)).toBe("boolean");
          evaluateCondition(condition, undefined);
          ctx.assertAllUsed();
        });
      }),
      { numRuns: 400 },
    );
  });

  it("updates compile and apply", () => {
    fc.assert(
      fc.property(expression, fc.constantFrom("SET ", "REMOVE ", "ADD ", "DELETE ", ""), (text, prefix) => {
        onlyValidationErrors(() => {
          const plan = compileUpdate(prefix + text, context());
          updatedTopLevelNames(plan);
          applyUpdate(plan, item);
          applyUpdate(plan, undefined);
        });
      }),
      { numRuns: 400 },
    );
  });

  it("projections and key conditions compile", () => {
    fc.assert(
      fc.property(expression, (text) => {
        onlyValidationErrors(() => project(compileProjection(text, context()), item));
        onlyValidationErrors(() => compileKeyCondition(text, context(), { partition: "a", sort: "name" }));
      }),
      { numRuns: 300 },
    );
  });

  it("long, deeply nested inputs up to and past the 4 KB limit", () => {
    const long = fc
      .tuple(fc.array(fragment, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 1400 }))
      .map(([parts, times]) => parts.join(" ").repeat(times).slice(0, 4200));
    fc.assert(
      fc.property(long, (text) => {
        onlyValidationErrors(() =>
          evaluateCondition(compileCondition(text, context(), "FilterExpression"), item),
        );
        onlyValidationErrors(() => applyUpdate(compileUpdate(`SET a = ${text}`, context()), item));
      }),
      { numRuns: 60 },
    );
  });

  it("placeholder maps of any shape", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 4 }), fc.anything()), fc.anything(), (n, v) => {
        onlyValidationErrors(() => {
          const ctx = new ExpressionContext(n as Record<string, string>, v as Record<string, AttributeValue>);
          compileCondition("#a = :n", ctx, "ConditionExpression");
        });
      }),
      { numRuns: 200 },
    );
  });
});

// Attribute-value-like data: right type names with wrong or edge-case contents.
const attributeValueLike: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.record({ S: fc.oneof(fc.string(), fc.integer()) }),
    fc.record({
      N: fc.oneof(fc.string({ maxLength: 8 }), fc.double().map(String), fc.constant("1e999999999999999999")),
    }),
    fc.record({ B: fc.oneof(fc.uint8Array({ maxLength: 3 }), fc.string()) }),
    fc.record({ BOOL: fc.anything() }),
    fc.record({ NULL: fc.anything() }),
    fc.record({ SS: fc.array(fc.oneof(fc.string({ maxLength: 2 }), fc.integer()), { maxLength: 3 }) }),
    fc.record({ NS: fc.array(fc.constantFrom("1", "1.0", "x", "-0"), { maxLength: 3 }) }),
    fc.record({ BS: fc.array(fc.uint8Array({ maxLength: 2 }), { maxLength: 3 }) }),
    fc.record({ L: fc.oneof(fc.array(tie("value"), { maxLength: 3 }), fc.anything()) }),
    fc.record({
      M: fc.oneof(fc.dictionary(fc.string({ maxLength: 2 }), tie("value"), { maxKeys: 3 }), fc.anything()),
    }),
    fc.anything(),
  ),
})).value;

describe("fuzz: validation never crashes with anything but ValidationException", () => {
  it("validateItem and validateAttributeValue", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 3 }), attributeValueLike, { maxKeys: 4 }),
        fc.anything(),
        (i, raw) => {
          onlyValidationErrors(() => validateItem(i));
          onlyValidationErrors(() => validateItem(raw));
          onlyValidationErrors(() => validateAttributeValue(raw));
        },
      ),
      { numRuns: 300 },
    );
  });
});
