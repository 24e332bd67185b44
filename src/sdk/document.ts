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

const resolved = new WeakMap<TranslateConfig, { marshall: Options; unmarshall: Options }>();

function optionsOf(config: TranslateConfig | undefined): { marshall: Options; unmarshall: Options } {
  if (config === undefined)
    return { marshall: { convertTopLevelContainer: true }, unmarshall: { convertWithoutMapWrapper: true } };
  let options = resolved.get(config);
  if (options === undefined) {
    // The same defaults lib-dynamodb applies before marshalling.
    const m = { ...config.marshallOptions };
    const u = { ...config.unmarshallOptions };
    m.convertTopLevelContainer ??= true;
    u.convertWithoutMapWrapper ??= true;
    options = { marshall: m, unmarshall: u };
    resolved.set(config, options);
  }
  return options;
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
  const convert: Converter = { marshalling: true, options: optionsOf(config).marshall };
  return convertKeys(command.input, convert, command.inputKeyNodes) as Record<string, unknown>;
}

/** The DocumentClient output of a low-level output, unmarshalled as lib-dynamodb would. */
export function unmarshallDocumentOutput(
  command: DocumentCommand,
  output: Record<string, unknown>,
  config: TranslateConfig | undefined,
): Record<string, unknown> {
  const convert: Converter = { marshalling: false, options: optionsOf(config).unmarshall };
  return convertKeys(output, convert, command.outputKeyNodes) as Record<string, unknown>;
}

// A plain record rather than a closure: this runs twice per DocumentClient call.
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
    const keys = Object.keys(attribute);
    if (keys.length === 1) {
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
  const keys = Object.keys(nodes);
  if (keys.length === 0) return convertAll(value, convert);
  if (keys.length === 1 && keys[0] === "*") {
    const inner = (nodes as Record<string, KeyNodes>)["*"];
    const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
    const source = value as Record<string, unknown>;
    for (const k of Object.keys(source)) {
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
    out = {};
    for (const k of Object.keys(source)) if (typeof source[k] !== "function") out[k] = source[k];
  }
  if (nodes === null) return out;
  for (const key of Object.keys(nodes)) {
    if (typeof source[key] === "function") continue;
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
  for (const k of Object.keys(source)) {
    const v = source[k];
    if (typeof v === "function" || v === undefined) continue;
    const converted = apply(convert, v);
    if (converted !== undefined && typeof converted !== "function") out[k] = converted;
  }
  return out;
}

function notFunction(v: unknown): boolean {
  return typeof v !== "function";
}
