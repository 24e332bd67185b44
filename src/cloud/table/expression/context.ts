import { AwsServiceError, validationError } from "../../aws-error.ts";
import { validateAttributeValue } from "../value-validate.ts";
import type { AttributeValue } from "../values.ts";
import { javaHashSetOrder } from "./java-order.ts";

const NAME_KEY = /^#[A-Za-z0-9_]+$/;
const VALUE_KEY = /^:[A-Za-z0-9_]+$/;

function checkNames(names: Record<string, string>): void {
  const entries = Object.entries(names);
  if (entries.length === 0) throw validationError("ExpressionAttributeNames must not be empty");
  for (const [key, name] of entries) {
    if (!NAME_KEY.test(key))
      throw validationError(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${key}"`);
    if (typeof name !== "string" || name === "") {
      throw validationError(
        `ExpressionAttributeNames contains invalid value: Empty attribute name for key ${key}`,
      );
    }
  }
}

function checkValues(values: Record<string, AttributeValue>): void {
  const entries = Object.entries(values);
  if (entries.length === 0) throw validationError("ExpressionAttributeValues must not be empty");
  for (const [key, value] of entries) {
    if (!VALUE_KEY.test(key))
      throw validationError(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${key}"`);
    try {
      validateAttributeValue(value);
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      throw validationError(
        `ExpressionAttributeValues contains invalid value: ${error.message} for key ${key}`,
      );
    }
  }
}

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request, shared by all its
 * expressions. Construction validates them (DynamoDB's messages: empty maps, bad keys, empty
 * names, invalid values); compiling expressions marks placeholders used; `assertAllUsed` then
 * reports the ones no expression used.
 *
 * @example
 * const ctx = new ExpressionContext({ "#s": "status" }, { ":v": { S: "ok" } });
 * const condition = compileCondition("#s = :v", ctx, "ConditionExpression");
 * ctx.assertAllUsed();
 */
export class ExpressionContext {
  private readonly names: Readonly<Record<string, string>>;
  private readonly values: Readonly<Record<string, AttributeValue>>;
  private readonly usedNames = new Set<string>();
  private readonly usedValues = new Set<string>();

  constructor(names: Record<string, string> | undefined, values: Record<string, AttributeValue> | undefined) {
    if (names !== undefined) checkNames(names);
    if (values !== undefined) checkValues(values);
    this.names = names ?? {};
    this.values = values ?? {};
  }

  /** The attribute name behind `#placeholder`, or `undefined` when the request defines none. */
  name(placeholder: string): string | undefined {
    if (!Object.hasOwn(this.names, placeholder)) return undefined;
    this.usedNames.add(placeholder);
    return this.names[placeholder];
  }

  /** The value behind `:placeholder`, or `undefined` when the request defines none. */
  value(placeholder: string): AttributeValue | undefined {
    if (!Object.hasOwn(this.values, placeholder)) return undefined;
    this.usedValues.add(placeholder);
    return this.values[placeholder];
  }

  /**
   * Throws DynamoDB's ValidationException for placeholders no expression used, names first.
   * Keys are listed in the order DynamoDB (a Java HashSet) lists them.
   */
  assertAllUsed(): void {
    const unusedNames = Object.keys(this.names).filter((k) => !this.usedNames.has(k));
    if (unusedNames.length > 0) {
      throw validationError(
        `Value provided in ExpressionAttributeNames unused in expressions: keys: {${javaHashSetOrder(unusedNames).join(", ")}}`,
      );
    }
    const unusedValues = Object.keys(this.values).filter((k) => !this.usedValues.has(k));
    if (unusedValues.length > 0) {
      throw validationError(
        `Value provided in ExpressionAttributeValues unused in expressions: keys: {${javaHashSetOrder(unusedValues).join(", ")}}`,
      );
    }
  }
}
