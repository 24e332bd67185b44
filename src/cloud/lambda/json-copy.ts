/** Returned by the fast path when a value needs JSON's own rules (toJSON, class instances, cycles…). */
const UNUSUAL = Symbol("unusual");

/** Deeper than this, the fast path hands over to JSON itself (which reports cycles). */
const MAX_FAST_DEPTH = 256;

/**
 * What `JSON.parse(JSON.stringify(value))` gives, the way Lambda hands a handler its event: a
 * fresh copy sharing nothing with the caller's object. Plain data (plain objects, arrays,
 * strings, finite numbers, booleans, null; `undefined` members dropped as JSON drops them) is
 * copied directly, several times faster than the round trip through text that every invocation
 * paid. Anything else — a `toJSON`, a class instance, a function, a non-finite number, a cycle —
 * takes the round trip itself, so results and errors are exactly JSON's.
 *
 * @example
 * const event = jsonCopy({ Records: [{ body: "hi" }] }); // equal, not the same object
 */
export function jsonCopy(value: unknown): unknown {
  const copy = plainCopy(value, 0);
  return copy === UNUSUAL ? (JSON.parse(JSON.stringify(value)) as unknown) : copy;
}

function plainCopy(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      // JSON writes -0 as 0 and non-finite numbers as null; leave those to it.
      return Number.isFinite(value) && !Object.is(value, -0) ? value : UNUSUAL;
    case "object":
      if (value === null) return null;
      if (depth >= MAX_FAST_DEPTH) return UNUSUAL;
      return Array.isArray(value) ? arrayCopy(value, depth) : objectCopy(value, depth);
    default:
      return UNUSUAL;
  }
}

function arrayCopy(array: unknown[], depth: number): unknown {
  if (Object.getPrototypeOf(array) !== Array.prototype) return UNUSUAL;
  const out: unknown[] = new Array(array.length);
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    // JSON writes these (and holes) as null in an array.
    if (item === undefined || typeof item === "symbol") {
      out[i] = null;
      continue;
    }
    const copy = plainCopy(item, depth + 1);
    if (copy === UNUSUAL) return UNUSUAL;
    out[i] = copy;
  }
  return out;
}

function objectCopy(object: object, depth: number): unknown {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) return UNUSUAL;
  const record = object as Record<string, unknown>;
  if (record.toJSON !== undefined) return UNUSUAL;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const member = record[key];
    // JSON leaves these members out of an object.
    if (member === undefined || typeof member === "symbol") continue;
    // Assigning "__proto__" would set the prototype, where JSON.parse makes a property.
    if (key === "__proto__") return UNUSUAL;
    const copy = plainCopy(member, depth + 1);
    if (copy === UNUSUAL) return UNUSUAL;
    out[key] = copy;
  }
  return out;
}
