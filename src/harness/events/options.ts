import { createHash } from "node:crypto";
import { SquallError } from "../../core/errors.ts";

/** A source of unique ids; each call returns a fresh uuid-shaped string. */
export type IdSource = () => string;

/**
 * Options every event factory accepts.
 *
 * Determinism: by default ids come from `crypto.randomUUID()` and timestamps from `Date.now()`,
 * both read at the moment the factory runs. Inside a Squall simulation both are virtual and seeded,
 * so a factory called there is reproducible from the seed. Outside one, pass `ids` (for instance
 * {@link sequentialIds}) and `nowMs` to get the same event on every run.
 *
 * @example
 * sqsEvent(["hello"], { ids: sequentialIds(), nowMs: () => 1_700_000_000_000 });
 */
export interface FactoryOptions {
  /** Where ids (message ids, request ids, event ids) come from. Default: `crypto.randomUUID`. */
  ids?: IdSource;
  /** The clock, in epoch milliseconds. Default: `Date.now`. */
  nowMs?: () => number;
  /** Default: "us-east-1". */
  region?: string;
  /** Default: "123456789012" (the account id AWS's documentation uses). */
  accountId?: string;
}

/** {@link FactoryOptions} with every default filled in. */
export interface ResolvedOptions {
  ids: IdSource;
  nowMs: () => number;
  region: string;
  accountId: string;
}

export const DEFAULT_REGION = "us-east-1";
export const DEFAULT_ACCOUNT_ID = "123456789012";

/**
 * Fills in the defaults of {@link FactoryOptions}. The defaults are read lazily (at call time) so that
 * a simulation that virtualises `Date` and `crypto` after this module loaded is still honoured.
 *
 * @example
 * const { ids, nowMs } = resolveOptions({});
 */
export function resolveOptions(options: FactoryOptions): ResolvedOptions {
  return {
    ids: options.ids ?? (() => globalThis.crypto.randomUUID()),
    nowMs: options.nowMs ?? (() => Date.now()),
    region: options.region ?? DEFAULT_REGION,
    accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
  };
}

/**
 * A deterministic {@link IdSource}: uuid-shaped ids `00000000-0000-4000-8000-000000000001`, `…002`, …
 * Use it in unit tests that compare whole events or snapshot them.
 *
 * @example
 * const ids = sequentialIds();
 * ids(); // "00000000-0000-4000-8000-000000000001"
 */
export function sequentialIds(start = 1): IdSource {
  let next = start;
  return () => {
    const n = next++;
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
  };
}

/**
 * Hex MD5 of a UTF-8 string or of bytes, as SQS reports it (`md5OfBody`).
 *
 * @example
 * md5Hex("hello"); // "5d41402abc4b2a76b9719d911017c592"
 */
export function md5Hex(data: string | Uint8Array): string {
  return createHash("md5").update(data).digest("hex");
}

/** Hex SHA-256, used where AWS derives ids from content (FIFO content-based deduplication). */
export function sha256Hex(data: string): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Turns an id into a stable pseudo-random token of base64 characters; lets receipt handles,
 * signatures and trace ids look like AWS's while staying a pure function of the id source.
 *
 * @example
 * tokenFrom("abc", 40).length; // 40
 */
export function tokenFrom(seed: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) {
    out += createHash("sha256").update(`${seed}#${i}`).digest("base64").replace(/=+$/, "");
  }
  return out.slice(0, length);
}

/** The 32 hex digits of a uuid, the shape of DynamoDB stream event ids and log stream suffixes. */
export function hex32(uuid: string): string {
  return uuid.replaceAll("-", "").toLowerCase().padEnd(32, "0").slice(0, 32);
}

/** Serialises a body: strings pass through, anything else is JSON, the way a producer sends it. */
export function bodyText(body: unknown, factory: string): string {
  if (typeof body === "string") return body;
  const text = JSON.stringify(body);
  if (text === undefined) {
    throw new SquallError(
      `${factory}: the body ${String(body)} cannot be serialised to JSON. Pass a string or a JSON-serialisable value.`,
    );
  }
  return text;
}

/** An ARN in the `aws` partition. */
export function arn(service: string, region: string, accountId: string, resource: string): string {
  return `arn:aws:${service}:${region}:${accountId}:${resource}`;
}
