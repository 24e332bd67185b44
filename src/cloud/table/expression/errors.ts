import type { AwsServiceError } from "../../aws-error.ts";
import { validationError } from "../../aws-error.ts";
import type { Token } from "./lexer.ts";

/** The request parameter an expression came from; DynamoDB names it in every message. */
export type ExpressionParameter =
  | "ConditionExpression"
  | "FilterExpression"
  | "UpdateExpression"
  | "ProjectionExpression"
  | "KeyConditionExpression";

/**
 * DynamoDB's `Invalid <Parameter>: <message>` ValidationException.
 *
 * @example invalidExpression("UpdateExpression", "The expression can not be empty;")
 */
export function invalidExpression(parameter: ExpressionParameter, message: string): AwsServiceError {
  return validationError(`Invalid ${parameter}: ${message}`);
}

/**
 * DynamoDB's syntax error. `near` is the source from the token before the offending one to the
 * token after it (from the start of the source when there is none before, to its end when the
 * next is the end), exactly as DynamoDB Local reports it, whitespace included.
 *
 * @example syntaxError("ConditionExpression", "a = = :x", tokens, 2)
 * // Invalid ConditionExpression: Syntax error; token: "=", near: "= = :x"
 */
export function syntaxError(
  parameter: ExpressionParameter,
  source: string,
  tokens: readonly Token[],
  index: number,
): AwsServiceError {
  const token = tokens[index] as Token;
  const previous = index > 0 ? tokens[index - 1] : undefined;
  const next = tokens[index + 1];
  const start = previous?.start ?? 0;
  const last = next ?? token;
  const end = last.kind === "eof" ? source.length : last.end;
  return invalidExpression(
    parameter,
    `Syntax error; token: "${token.text}", near: "${source.slice(start, end)}"`,
  );
}
