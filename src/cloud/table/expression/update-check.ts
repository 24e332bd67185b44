import { attributeType } from "../value-compare.ts";
import { formatPath } from "./document-path.ts";
import { invalidExpression } from "./errors.ts";
import type { Operand } from "./resolve.ts";

function fail(message: string): never {
  throw invalidExpression("UpdateExpression", message);
}

/**
 * DynamoDB's static rules for a SET value: `list_append` only as the whole value,
 * `if_not_exists(path, operand)`, arithmetic on numbers, each checked on `:values` before any
 * item is read (messages as DynamoDB Local gives them).
 *
 * @example new UpdateValueChecker().top(operand) // throws for list_append(:s, l) with :s a string
 */
export class UpdateValueChecker {
  /** The whole right-hand side of `SET path = value`. */
  top(value: Operand): void {
    if (value.kind === "call" && value.name === "list_append") {
      this.arity(value.name, value.args);
      for (const arg of value.args) this.nested(arg);
      this.types("list_append", "L", value.args);
      return;
    }
    if (value.kind === "arithmetic") {
      this.nested(value.left);
      this.nested(value.right);
      this.types(value.op, "N", [value.left, value.right]);
      return;
    }
    this.nested(value);
  }

  /** An operand inside arithmetic or a function: no list_append here. */
  private nested(value: Operand): void {
    if (value.kind === "arithmetic") {
      this.top(value);
      return;
    }
    if (value.kind !== "call") return;
    if (value.name !== "if_not_exists") {
      fail(`The function is not allowed to be used this way in an expression; function: ${value.name}`);
    }
    this.arity(value.name, value.args);
    const [first, second] = value.args as [Operand, Operand];
    if (first.kind !== "path")
      fail("Operator or function requires a document path; operator or function: if_not_exists");
    this.nested(second);
    if (second.kind === "path" && formatPath(second.path) === formatPath(first.path)) {
      fail(
        `The first operand must be distinct from the remaining operands for this operator or function; operator: if_not_exists, first operand: ${formatPath(first.path)}`,
      );
    }
  }

  private arity(name: string, args: readonly Operand[]): void {
    if (args.length !== 2) {
      fail(
        `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`,
      );
    }
  }

  private types(name: string, wanted: string, operands: readonly Operand[]): void {
    for (const operand of operands) {
      if (operand.kind !== "value") continue;
      const type = attributeType(operand.value);
      if (type !== wanted) {
        fail(
          `Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${type}`,
        );
      }
    }
  }
}
