import { flatString } from "../../core/flat-string.ts";
import { AwsServiceError } from "../aws-error.ts";

/** How long DynamoDB remembers a ClientRequestToken: 10 minutes after the first call completed. */
export const TOKEN_WINDOW_MS = 10 * 60 * 1000;

/**
 * A canonical text of a request for comparing calls: object keys sorted (the service ignores
 * member order, per localstack/localstack#6529 checked against AWS), bytes as hex.
 *
 * @example stableFingerprint({ b: 1, a: [2] }) === stableFingerprint({ a: [2], b: 1 }) // true
 */
export function stableFingerprint(value: unknown): string {
  if (value instanceof Uint8Array) return `b"${Buffer.from(value).toString("hex")}"`;
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) text += (i === 0 ? "" : ",") + stableFingerprint(value[i]);
    return `${text}]`;
  }
  if (typeof value === "object" && value !== null) {
    // Every TransactWriteItems call with a token is fingerprinted, so this avoids the entry
    // arrays; the default sort orders by UTF-16 code units, as a < b does.
    const record = value as Record<string, unknown>;
    let text = "{";
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      if (member === undefined) continue;
      text += `${text.length === 1 ? "" : ","}${JSON.stringify(key)}:${stableFingerprint(member)}`;
    }
    return `${text}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

interface Remembered {
  /** The request as JSON text: flat, taken natively, and all a valid request is made of survives it. */
  readonly requestJson: string;
  readonly atMs: number;
}

/**
 * The ClientRequestTokens of successful TransactWriteItems calls in the last 10 minutes of
 * virtual time, with each call's request. Requests are compared by {@link stableFingerprint}
 * only when a token comes back (a retry): every call remembers one, few are ever compared, and
 * fingerprinting every call was most of what a transaction cost.
 *
 * @example
 * if (tokens.seen(token, request, nowMs)) return replayResponse;
 * tokens.remember(token, request, nowMs);
 */
export class IdempotencyTokens {
  private readonly tokens = new Map<string, Remembered>();

  /**
   * Whether this token was used, within the window, by a call with the same request. A call with
   * a different request gets IdempotentParameterMismatchException.
   */
  seen(token: string, request: Record<string, unknown>, nowMs: number): boolean {
    const entry = this.tokens.get(token);
    if (entry === undefined) return false;
    if (nowMs - entry.atMs >= TOKEN_WINDOW_MS) {
      this.tokens.delete(token);
      return false;
    }
    // Both sides through JSON, so that only what the text keeps is compared.
    const earlier = stableFingerprint(JSON.parse(entry.requestJson));
    if (earlier !== stableFingerprint(JSON.parse(JSON.stringify(request)))) {
      // DynamoDB Local's message is "UnknownError"; the service's is empty in captured traces
      // (aws/aws-sdk#413), so we say what happened.
      throw new AwsServiceError(
        "IdempotentParameterMismatchException",
        "The ClientRequestToken was already used in the last 10 minutes by a TransactWriteItems call with different parameters",
      );
    }
    return true;
  }

  /** Records a successful call. Expired tokens are dropped as new ones arrive. */
  remember(token: string, request: Record<string, unknown>, nowMs: number): void {
    for (const [key, entry] of this.tokens) {
      if (nowMs - entry.atMs < TOKEN_WINDOW_MS) break;
      this.tokens.delete(key);
    }
    // JSON.stringify returns long texts as a tree of pieces: flat, it takes a sixth less.
    this.tokens.set(token, { requestJson: flatString(JSON.stringify(request)), atMs: nowMs });
  }
}
