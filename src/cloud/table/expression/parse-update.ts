import type { OperandNode, PathNode, UpdateActionNode, UpdateSection } from "./ast.ts";
import type { TokenStream } from "./token-stream.ts";

/** One section (`SET ...`) of an UpdateExpression as written. */
export interface UpdateClause {
  readonly section: UpdateSection;
  readonly actions: readonly UpdateActionNode[];
}

const SECTIONS = new Set<string>(["SET", "REMOVE", "ADD", "DELETE"]);

/**
 * Parses `SET a = b + :c, ... REMOVE x ... ADD n :v ... DELETE s :v` (sections in any order,
 * keywords in any case). Repeated sections are reported later, after the whole expression parsed.
 *
 * @example parseUpdate(new TokenStream("SET a = :v REMOVE b", "UpdateExpression"))
 */
export function parseUpdate(stream: TokenStream): UpdateClause[] {
  const clauses: UpdateClause[] = [];
  do {
    const token = stream.peek();
    if (token.kind !== "keyword" || !SECTIONS.has(token.upper)) throw stream.error();
    stream.next();
    const section = token.upper as UpdateSection;
    const actions: UpdateActionNode[] = [];
    do actions.push(parseAction(stream, section));
    while (stream.accept(","));
    clauses.push({ section, actions });
  } while (stream.peek().kind !== "eof");
  return clauses;
}

function parseAction(stream: TokenStream, section: UpdateSection): UpdateActionNode {
  const path: PathNode = stream.parsePath();
  if (section === "REMOVE") return { kind: section, path };
  if (section === "SET") {
    stream.expect("=");
    return { kind: section, path, value: parseSetValue(stream) };
  }
  return { kind: section, path, value: stream.parseValue() };
}

/** `operand [ (+|-) operand ]`; parentheses may wrap a whole value. */
function parseSetValue(stream: TokenStream): OperandNode {
  return arithmeticTail(stream, operand(stream));
}

function operand(stream: TokenStream): OperandNode {
  return stream.parseOperand(
    () => parseSetValue(stream),
    (left) => arithmeticTail(stream, left),
  );
}

function arithmeticTail(stream: TokenStream, left: OperandNode): OperandNode {
  const token = stream.peek();
  if (token.kind === "symbol" && (token.text === "+" || token.text === "-")) {
    stream.next();
    return { kind: "arithmetic", op: token.text, left, right: operand(stream) };
  }
  return left;
}
