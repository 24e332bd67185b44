import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import type { KeyNodes, SdkCommandLike, TranslateConfig } from "./types.ts";

/**
 * DocumentClient (lib-dynamodb) support for `fast` mode. lib-dynamodb marshals inside the
 * middleware stack, which `fast` mode skips; so the bridge marshals the same members itself. It
 * reads the key nodes from the command instance (`inputKeyNodes`/`outputKeyNodes`, lib-dynamodb's
 * own map of where values live) so the two always agree, and walks them with the same rules:
 * `null` converts the value, `{}`/`[]` converts every member, `"*"` descends into every member.
 */

type Options = Record<string, unknown>;

/** A DocumentClient command: it wraps a low-level command and says where its values live. */
export interface DocumentCommand extends SdkCommandLike {
  clientCommand: SdkCommandLike;
  inputKeyNodes: KeyNodes;
  outputKeyNodes: KeyNodes;
}

/**
 * Whether `command` is one of lib-dynamodb's commands (it carries a `clientCommand`).
 *
 * @example
 * isDocumentCommand(new PutCommand({ TableName: "T", Item: {} })); // true
 */
export function isDocumentCommand(command: SdkCommandLike): command is DocumentCommand {
  return command.clientCommand !== undefined && command.inputKeyNodes !== undefined;
}

/** The converters of one client's translate config, built once: this runs twice per call. */
interface Converters {
  readonly marshall: Converter;
  readonly unmarshall: Converter;
}

const DEFAULT_CONVERTERS: Converters = {
  marshall: { marshalling: true, options: { convertTopLevelContainer: true } },
  unmarshall: { marshalling: false, options: { convertWithoutMapWrapper: true } },
};

const resolved = new WeakMap<TranslateConfig, Converters>();

function convertersOf(config: TranslateConfig | undefined): Converters {
  if (config === undefined) return DEFAULT_CONVERTERS;
  let converters = resolved.get(config);
  if (converters === undefined) {
    // The same defaults lib-dynamodb applies before marshalling.
    const m = { ...config.marshallOptions };
    const u = { ...config.unmarshallOptions };
    m.convertTopLevelContainer ??= true;
    u.convertWithoutMapWrapper ??= true;
    converters = {
      marshall: { marshalling: true, options: m },
      unmarshall: { marshalling: false, options: u },
    };
    resolved.set(config, converters);
  }
  return converters;
}

/**
 * The low-level input of a DocumentClient command, marshalled as lib-dynamodb would.
 *
 * @example
 * marshallDocumentInput(new PutCommand({ TableName: "T", Item: { n: 1 } }), undefined);
 * // { TableName: "T", Item: { n: { N: "1" } } }
 */
export function marshallDocumentInput(
  command: DocumentCommand,
  config: TranslateConfig | undefined,
): Record<string, unknown> {
  return convertKeys(command.input, convertersOf(config).marshall, command.inputKeyNodes) as Record<
    string,
    unknown
  >;
}

/** The DocumentClient output of a low-level output, unmarshalled as lib-dynamodb would. */
export function unmarshallDocumentOutput(
  command: DocumentCommand,
  output: Record<string, unknown>,
  config: TranslateConfig | undefined,
): Record<string, unknown> {
  return convertKeys(output, convertersOf(config).unmarshall, command.outputKeyNodes) as Record<
    string,
    unknown
  >;
}

// A plain record rather than a closure, built once per translate config.
interface Converter {
  readonly marshalling: boolean;
  readonly options: Options;
}

function apply(convert: Converter, value: unknown): unknown {
  return convert.marshalling
    ? marshallValue(value, convert.options)
    : unmarshallValue(value, convert.options);
}

// util-dynamodb's marshall and unmarshall give the same results for plain strings, booleans,
// null and safe-range numbers, but spend about a microsecond on each number; every other value
// (containers, sets, binary, NumberValue, options that change scalars) goes to them as it is.
function marshallValue(value: unknown, options: Options): unknown {
  switch (typeof value) {
    case "string":
      if (value.length > 0 || options.convertEmptyValues !== true) return { S: value };
      break;
    case "number":
      if (Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER)
        return { N: value.toString() };
      break;
    case "boolean":
      return { BOOL: value };
    case "object":
      if (value === null) return { NULL: true };
  }
  return marshall(value as never, options);
}

function unmarshallValue(value: unknown, options: Options): unknown {
  if (options.convertWithoutMapWrapper === true && options.wrapNumbers === undefined) {
    const attribute = value as { S?: unknown; N?: unknown; BOOL?: unknown };
    if (ownKeyCount(attribute, 2) === 1) {
      if (typeof attribute.S === "string") return attribute.S;
      if (typeof attribute.N === "string") {
        const number = Number(attribute.N);
        if (Math.abs(number) <= Number.MAX_SAFE_INTEGER) return number;
      }
      if (typeof attribute.BOOL === "boolean") return attribute.BOOL;
    }
  }
  return unmarshall(value as never, options);
}

function convertNode(value: unknown, convert: Converter, nodes: KeyNodes | undefined): unknown {
  if (value === undefined) return undefined;
  if (nodes === null || nodes === undefined) return apply(convert, value);
  const count = ownKeyCount(nodes, 2);
  if (count === 0) return convertAll(value, convert);
  if (count === 1 && Object.hasOwn(nodes, "*")) {
    const inner = (nodes as Record<string, KeyNodes>)["*"];
    const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
    const source = value as Record<string, unknown>;
    throwIfNullish(source);
    for (const k in source) {
      if (!Object.hasOwn(source, k)) continue;
      const v = source[k];
      if (typeof v !== "function") (out as Record<string, unknown>)[k] = convertNode(v, convert, inner);
    }
    return out;
  }
  return convertKeys(value, convert, nodes);
}

function convertKeys(value: unknown, convert: Converter, nodes: KeyNodes): unknown {
  const source = value as Record<string, unknown>;
  let out: Record<string, unknown>;
  if (Array.isArray(value)) out = value.filter(notFunction) as unknown as Record<string, unknown>;
  else {
    throwIfNullish(source);
    out = {};
    for (const k in source)
      if (Object.hasOwn(source, k) && typeof source[k] !== "function") out[k] = source[k];
  }
  if (nodes === null) return out;
  for (const key in nodes) {
    if (!Object.hasOwn(nodes, key) || typeof source[key] === "function") continue;
    const converted = convertNode(source[key], convert, (nodes as Record<string, KeyNodes>)[key]);
    if (converted !== undefined && typeof converted !== "function") out[key] = converted;
  }
  return out;
}

function convertAll(value: unknown, convert: Converter): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value)
      if (typeof v !== "function") out.push(v === undefined ? undefined : apply(convert, v));
    return out;
  }
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  throwIfNullish(source);
  for (const k in source) {
    if (!Object.hasOwn(source, k)) continue;
    const v = source[k];
    if (typeof v === "function" || v === undefined) continue;
    const converted = apply(convert, v);
    if (converted !== undefined && typeof converted !== "function") out[k] = converted;
  }
  return out;
}

// Object.keys(value).length, counting no further than `limit`: `for…in` over own keys allocates
// no array of them, and this runs for every key node and every attribute unmarshalled.
function ownKeyCount(value: object, limit: number): number {
  throwIfNullish(value);
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key) && ++count >= limit) break;
  return count;
}

// `for…in` passes over null and undefined, where Object.keys (and lib-dynamodb's own walk, with
// Object.entries) throws: keep that TypeError, message and all.
function throwIfNullish(value: unknown): void {
  if (value === null || value === undefined) Object.keys(value as never);
}

function notFunction(v: unknown): boolean {
  return typeof v !== "function";
}
