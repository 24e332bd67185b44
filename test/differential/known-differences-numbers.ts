/**
 * DynamoDB Local's deviation in number text. The real service trims numbers ("Leading and trailing
 * zeroes are trimmed", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/
 * HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number). DynamoDB Local trims only the
 * top-level numbers of a PutItem item: it keeps the text as sent for numbers set by an
 * UpdateExpression, numbers inside lists and maps of a transaction's Put, and the Key of an
 * UpdateItem in its stream record (probe against DynamoDB Local 2.x: UpdateItem Key {pk:{N:"1.00"}}
 * SET z = :v with :v {N:"3.0"}, then GetItem returns z "3.0" and the INSERT record's Keys pk
 * "1.00"; TransactWriteItems Put l = [{N:"-0"}] reads back as "-0").
 */
import { canonicalJson } from "./normalise.ts";
import { numberValue } from "./number-value.ts";

/**
 * True when a number's text is not in the service's form: leading or trailing zeros, "-0", a bare
 * ".", or an exponent (the service answers 1e2 as "100").
 */
function untrimmed(text: string): boolean {
  return /^-?0\d|\.\d*0(?:[eE]|$)|^-0(?:\.0*)?$|\.(?:[eE]|$)|[eE]/.test(text);
}

interface Scan {
  untrimmed: number;
}

/** `value` with every number replaced by its value; counts the untrimmed texts it saw. */
function byValue(value: unknown, scan: Scan): unknown {
  if (Array.isArray(value)) return value.map((v) => byValue(v, scan));
  if (typeof value === "string" && value.startsWith("{")) {
    // The stream grouping key is an item key as JSON text.
    try {
      // Already by value (normalise.ts groups by keyByValue): nothing here to count.
      return canonicalJson(byValue(JSON.parse(value) as unknown, { untrimmed: 0 }));
    } catch {
      return value;
    }
  }
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const texts =
      key === "N" && typeof v === "string" ? [v] : key === "NS" && Array.isArray(v) ? v : undefined;
    if (texts === undefined) {
      out[key] = byValue(v, scan);
      continue;
    }
    scan.untrimmed += texts.filter((t) => typeof t === "string" && untrimmed(t)).length;
    const values = texts.map((t) => numberValue(String(t)));
    out[key] = key === "N" ? values[0] : values.sort();
  }
  return out;
}

/** Sorts stream groups by their (number-normalised) key, as normalise.ts sorts the raw ones. */
function sortGroups(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const key = (g: unknown) => String((g as Record<string, unknown> | null)?.key ?? "");
  return [...value].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * True when `local` and `other` differ only in number text, with every differing number untrimmed
 * on Local's side and all of `other`'s numbers trimmed.
 *
 * @example
 * differsOnlyInNumberText({ N: "3.0" }, { N: "3" }); // true
 */
export function differsOnlyInNumberText(local: unknown, other: unknown): boolean {
  const [localScan, otherScan] = [{ untrimmed: 0 }, { untrimmed: 0 }];
  const [l, o] = [sortGroups(byValue(local, localScan)), sortGroups(byValue(other, otherScan))];
  return localScan.untrimmed > 0 && otherScan.untrimmed === 0 && canonicalJson(l) === canonicalJson(o);
}

/** The Keys of a BatchGetItem request, per table. */
function requestedKeys(input: Record<string, unknown>): unknown[][] {
  const tables = Object.values((input.RequestItems ?? {}) as Record<string, unknown>);
  return tables.map((t) => {
    const keys = (t as Record<string, unknown> | null)?.Keys;
    return Array.isArray(keys) ? keys : [];
  });
}

/**
 * True when some table's Keys hold one key twice by value but not by text ("1.0" and "1"): the
 * real service compares keys by value, DynamoDB Local by text (it then returns the item twice).
 *
 * @example
 * repeatsKeyOnlyByValue({ RequestItems: { t: { Keys: [{ pk: { N: "1" } }, { pk: { N: "1.0" } }] } } }); // true
 */
export function repeatsKeyOnlyByValue(input: Record<string, unknown>): boolean {
  return requestedKeys(input).some((keys) => {
    const texts = new Set(keys.map((key) => canonicalJson(key)));
    const values = new Set(keys.map((key) => canonicalJson(byValue(key, { untrimmed: 0 }))));
    return values.size < keys.length && texts.size === keys.length;
  });
}
