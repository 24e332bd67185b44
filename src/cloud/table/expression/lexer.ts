/** What a token is; keywords are case-insensitive, function and attribute names are not. */
export type TokenKind = "identifier" | "name" | "value" | "index" | "keyword" | "symbol" | "unknown" | "eof";

/** One token of an expression, with its place in the source for error messages. */
export interface Token {
  readonly kind: TokenKind;
  /** The source text (for keywords: as written; compare `upper`). */
  readonly text: string;
  /** Upper-case text, for keyword comparison. */
  readonly upper: string;
  readonly start: number;
  readonly end: number;
}

/** Words the grammar itself uses; as attribute names they are syntax errors, not reserved words. */
const KEYWORDS = new Set(["AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE"]);
const TWO_CHAR_SYMBOLS = new Set(["<=", ">=", "<>"]);
const ONE_CHAR_SYMBOLS = new Set(["=", "<", ">", "(", ")", "[", "]", ",", ".", "+", "-"]);
const WHITESPACE = /[ \t\r\n]/;
const LETTER = /[A-Za-z]/;
const WORD_CHAR = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;

function make(kind: TokenKind, source: string, start: number, end: number): Token {
  const text = source.slice(start, end);
  return { kind, text, upper: text.toUpperCase(), start, end };
}

function scanWhile(source: string, from: number, pattern: RegExp): number {
  let i = from;
  while (i < source.length && pattern.test(source[i] as string)) i++;
  return i;
}

/**
 * Splits an expression into tokens the way DynamoDB does (checked against DynamoDB Local's error
 * messages): identifiers start with a letter; `#x` and `:x` placeholders take letters, digits and
 * `_`; a list index is `0` or digits not starting with 0 (`01` is two tokens); any other character
 * becomes a one-character token that the parser then rejects.
 *
 * @example tokenize("a[0] <> :v").map((t) => t.text) // ["a", "[", "0", "]", "<>", ":v", ""]
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (WHITESPACE.test(c)) {
      i++;
      continue;
    }
    const end = tokenEnd(source, i, c);
    tokens.push(make(kindAt(source, i, c, end), source, i, end));
    i = end;
  }
  tokens.push({ kind: "eof", text: "<EOF>", upper: "<EOF>", start: source.length, end: source.length });
  return tokens;
}

function tokenEnd(source: string, i: number, c: string): number {
  if (LETTER.test(c)) return scanWhile(source, i + 1, WORD_CHAR);
  if (c === "#" || c === ":") {
    const end = scanWhile(source, i + 1, WORD_CHAR);
    return Math.max(end, i + 1);
  }
  if (c === "0") return i + 1;
  if (DIGIT.test(c)) return scanWhile(source, i + 1, DIGIT);
  if (TWO_CHAR_SYMBOLS.has(source.slice(i, i + 2))) return i + 2;
  // One code point, so an astral character is one token rather than two halves.
  const code = source.codePointAt(i) ?? 0;
  return i + (code > 0xffff ? 2 : 1);
}

function kindAt(source: string, i: number, c: string, end: number): TokenKind {
  if (LETTER.test(c)) return KEYWORDS.has(source.slice(i, end).toUpperCase()) ? "keyword" : "identifier";
  if ((c === "#" || c === ":") && end > i + 1) return c === "#" ? "name" : "value";
  if (DIGIT.test(c)) return "index";
  if (end - i === 2 && TWO_CHAR_SYMBOLS.has(source.slice(i, end))) return "symbol";
  if (ONE_CHAR_SYMBOLS.has(c)) return "symbol";
  return "unknown";
}
