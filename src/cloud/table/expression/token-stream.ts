import type { AwsServiceError } from "../../aws-error.ts";
import type { CallNode, OperandNode, PathNode, PathStep, ValueNode } from "./ast.ts";
import { type ExpressionParameter, invalidExpression, syntaxError } from "./errors.ts";
import { type Token, tokenize } from "./lexer.ts";

/** DynamoDB's limit on an expression's length, in characters (4 KB). */
const MAX_EXPRESSION_LENGTH = 4096;

/** Continues an operand closed by ")" while still inside outer parentheses (`((:a) + :b)`). */
export type OperandTail = (operand: OperandNode) => OperandNode;

/**
 * A cursor over an expression's tokens with the operand and path rules every expression shares.
 * Parsers report the first token they cannot use, as DynamoDB does, and remember parentheses that
 * wrap nothing but another parenthesised expression ("redundant parentheses"), which DynamoDB
 * reports only once the whole expression has parsed.
 *
 * @example new TokenStream("a.b[0] = :v", "ConditionExpression").parsePath() // path a.b[0]
 */
export class TokenStream {
  private readonly tokens: Token[];
  private position = 0;
  /** Set when `((x))` was seen anywhere. */
  redundantParentheses = false;
  private readonly parenthesized = new WeakSet<object>();

  constructor(
    readonly source: string,
    readonly parameter: ExpressionParameter,
  ) {
    if (source.length === 0) throw invalidExpression(parameter, "The expression can not be empty;");
    if (source.length > MAX_EXPRESSION_LENGTH) {
      // DynamoDB Local adds the size for condition-like expressions only; we copy it exactly.
      const withSize = parameter !== "UpdateExpression" && parameter !== "ProjectionExpression";
      throw invalidExpression(
        parameter,
        `Expression size has exceeded the maximum allowed size;${withSize ? ` expression size: ${source.length}` : ""}`,
      );
    }
    this.tokens = tokenize(source);
  }

  peek(offset = 0): Token {
    const index = Math.min(this.position + offset, this.tokens.length - 1);
    return this.tokens[index] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (this.position < this.tokens.length - 1) this.position++;
    return token;
  }

  /** True (and consumed) when the next token is the given symbol or keyword. */
  accept(text: string): boolean {
    const token = this.peek();
    const matches =
      token.kind === "keyword" ? token.upper === text : token.kind === "symbol" && token.text === text;
    if (matches) this.next();
    return matches;
  }

  expect(text: string): Token {
    const token = this.peek();
    if (!this.accept(text)) throw this.error();
    return token;
  }

  expectEnd(): void {
    if (this.peek().kind !== "eof") throw this.error();
  }

  /** A syntax error at the current token. */
  error(): AwsServiceError {
    return syntaxError(this.parameter, this.source, this.tokens, this.position);
  }

  /** Records that `node` was written in parentheses; twice over is DynamoDB's redundant parentheses. */
  markParenthesized<T extends object>(node: T): T {
    if (this.parenthesized.has(node)) this.redundantParentheses = true;
    this.parenthesized.add(node);
    return node;
  }

  /** `name ( '.' name | '[' index ']' )*` where a name is an identifier or `#placeholder`. */
  parsePath(): PathNode {
    const first = this.peek();
    if (first.kind !== "identifier" && first.kind !== "name") throw this.error();
    const steps: PathStep[] = [{ kind: "name", token: this.next() }];
    for (;;) {
      if (this.accept(".")) {
        const token = this.peek();
        if (token.kind !== "identifier" && token.kind !== "name") throw this.error();
        steps.push({ kind: "name", token: this.next() });
      } else if (this.accept("[")) {
        if (this.peek().kind !== "index") throw this.error();
        steps.push({ kind: "index", token: this.next() });
        this.expect("]");
      } else {
        return { kind: "path", steps };
      }
    }
  }

  parseValue(): ValueNode {
    if (this.peek().kind !== "value") throw this.error();
    return { kind: "value", token: this.next() };
  }

  /**
   * A path, `:value`, function call or parenthesised operand. `inner` parses what may stand
   * inside parentheses (an UpdateExpression allows `(:a + :b)` there).
   */
  parseOperand(
    inner: () => OperandNode = () => this.parseOperand(),
    tail: OperandTail = (o) => o,
  ): OperandNode {
    const token = this.peek();
    if (token.kind === "value") return this.parseValue();
    if (token.kind === "identifier" && this.isSymbol(this.peek(1), "(")) return this.parseCall(inner, tail);
    const opens = this.acceptRun("(");
    if (opens === 0) return this.parsePath();
    // A run of "(" is handled in a loop, not by recursion, so "((((…" cannot exhaust the stack.
    let operand = inner();
    for (let level = opens; level > 0; level--) {
      this.expect(")");
      operand = this.markParenthesized(operand);
      if (level > 1) operand = tail(operand);
    }
    return operand;
  }

  isSymbol(token: Token, text: string): boolean {
    return token.kind === "symbol" && token.text === text;
  }

  /** Consumes consecutive copies of a symbol and returns how many there were. */
  acceptRun(text: string): number {
    let count = 0;
    while (this.accept(text)) count++;
    return count;
  }

  private parseCall(inner: () => OperandNode, tail: OperandTail): CallNode {
    const name = this.next();
    this.expect("(");
    const args: OperandNode[] = [this.parseOperand(inner, tail)];
    while (this.accept(",")) args.push(this.parseOperand(inner, tail));
    this.expect(")");
    return { kind: "call", name, args };
  }
}
