import type { Comparator, ConditionNode, OperandNode } from "./ast.ts";
import type { TokenStream } from "./token-stream.ts";

type Parsed = ConditionNode | OperandNode;
const COMPARATORS = new Set<string>(["=", "<>", "<", "<=", ">", ">="]);

function isOperand(node: Parsed): node is OperandNode {
  return node.kind === "path" || node.kind === "value" || node.kind === "call" || node.kind === "arithmetic";
}

/**
 * Parses a condition (ConditionExpression, FilterExpression, KeyConditionExpression) with
 * DynamoDB's precedence, loosest first: OR, AND, NOT, then comparisons, BETWEEN, IN and functions.
 *
 * @example parseCondition(new TokenStream("a = :x OR NOT b < :y", "ConditionExpression"))
 */
export function parseCondition(stream: TokenStream): ConditionNode {
  const node = parseOr(stream, false);
  stream.expectEnd();
  return node as ConditionNode;
}

// `bare` lets a parenthesised operand such as `(a)` in `(a) = :v` come back as an operand; it is
// only true for the first term right after an opening parenthesis.
function parseOr(stream: TokenStream, bare: boolean, first?: Parsed): Parsed {
  let left = parseAnd(stream, bare, first);
  while (!isOperand(left) && stream.accept("OR")) {
    left = { kind: "or", left, right: parseAnd(stream, false) as ConditionNode };
  }
  return left;
}

// `first`, when given, is the already-parsed first term (see parsePrimary).
function parseAnd(stream: TokenStream, bare: boolean, first?: Parsed): Parsed {
  let left = first ?? parseNot(stream, bare);
  while (!isOperand(left) && stream.accept("AND")) {
    left = { kind: "and", left, right: parseNot(stream, false) as ConditionNode };
  }
  return left;
}

function parseNot(stream: TokenStream, bare: boolean): Parsed {
  if (stream.accept("NOT")) return { kind: "not", operand: parseNot(stream, false) as ConditionNode };
  return parsePrimary(stream, bare);
}

/**
 * A comparison, function, or parenthesised condition or operand. A run of "(" is consumed in a
 * loop and closed level by level, continuing each level's condition after its inner part, so
 * deeply nested parentheses cannot exhaust the stack.
 */
function parsePrimary(stream: TokenStream, bare: boolean): Parsed {
  const opens = stream.acceptRun("(");
  if (opens === 0) return parsePredicate(stream, stream.parseOperand(), bare);
  let node = parseOr(stream, true);
  for (let level = opens; level > 0; level--) {
    stream.expect(")");
    node = stream.markParenthesized(node);
    if (level > 1) node = parseOr(stream, true, isOperand(node) ? parsePredicate(stream, node, true) : node);
  }
  return isOperand(node) ? parsePredicate(stream, node, bare) : node;
}

function parsePredicate(stream: TokenStream, left: OperandNode, bare: boolean): Parsed {
  const token = stream.peek();
  if (token.kind === "symbol" && COMPARATORS.has(token.text)) {
    stream.next();
    return { kind: "compare", op: token.text as Comparator, left, right: stream.parseOperand() };
  }
  if (stream.accept("BETWEEN")) {
    const low = stream.parseOperand();
    stream.expect("AND");
    return { kind: "between", operand: left, low, high: stream.parseOperand() };
  }
  if (stream.accept("IN")) {
    stream.expect("(");
    const list = [stream.parseOperand()];
    while (stream.accept(",")) list.push(stream.parseOperand());
    stream.expect(")");
    return { kind: "in", operand: left, list };
  }
  if (bare && token.kind === "symbol" && token.text === ")") return left;
  if (left.kind === "call") return { kind: "function", call: left };
  throw stream.error();
}
