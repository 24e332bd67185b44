import { NormalizedSchema } from "@smithy/core/schema";
import { fromBase64, parseRfc3339DateTimeWithOffset, parseRfc7231DateTime } from "@smithy/core/serde";
import { operationSchema } from "./catalogue.ts";
import { bodyText, type DecodedRequest, type ServerRequest } from "./http.ts";
import type { QueryProtocol } from "./service-protocol.ts";

/**
 * AWS Query requests, server side: a form-encoded body `Action=Publish&Version=2010-03-31&…` whose
 * keys are paths into the input (`MessageAttributes.entry.1.Value.DataType`). Read against the
 * operation's input schema — the reverse of the SDK's query serialiser: lists as `<name>.member.<i>`
 * (or `<name>.<i>` when flattened), maps as `<name>.entry.<i>.<key|value>` (names from `xmlName`),
 * blobs as base64, timestamps as ISO 8601 date-times unless the member says otherwise.
 *
 * @example
 * decodeQuery(SNS, { method: "POST", path: "/", headers: {}, body: "Action=Publish&Version=2010-03-31&TopicArn=arn&Message=hi" });
 * // { operation: "Publish", input: { TopicArn: "arn", Message: "hi" } }
 */
export function decodeQuery(protocol: QueryProtocol, request: ServerRequest): DecodedRequest {
  const params = new Map(new URLSearchParams(bodyText(request.body)));
  const operation = params.get("Action") ?? "";
  const schema = operationSchema(protocol.serviceId, operation);
  if (schema === undefined) {
    throw new Error(
      `${protocol.serviceId}: Squall does not know the schema of action "${operation}"; send it with an SDK v3 ` +
        "client that has schemas, or register the client package with registerOperations().",
    );
  }
  params.delete("Action");
  params.delete("Version");
  const form = new Form(params);
  const input = form.read(NormalizedSchema.of(schema[4]), "");
  return { operation, input: (input ?? {}) as Record<string, unknown> };
}

class Form {
  /** Every key prefix in the form, so absent list items and map entries end a walk at once. */
  private readonly prefixes = new Set<string>();

  constructor(private readonly params: Map<string, string>) {
    for (const key of params.keys()) {
      for (let dot = key.indexOf("."); dot !== -1; dot = key.indexOf(".", dot + 1)) {
        this.prefixes.add(key.slice(0, dot));
      }
      this.prefixes.add(key);
    }
  }

  read(ns: NormalizedSchema, key: string): unknown {
    if (ns.isStructSchema()) return this.readStruct(ns, key);
    if (ns.isListSchema()) return this.readList(ns, key);
    if (ns.isMapSchema()) return this.readMap(ns, key);
    const text = this.params.get(key);
    return text === undefined ? undefined : scalar(ns, text);
  }

  private readStruct(ns: NormalizedSchema, key: string): Record<string, unknown> | undefined {
    if (key !== "" && !this.prefixes.has(key)) return undefined;
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      const value = this.read(member, join(key, member.getMergedTraits().xmlName ?? name));
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  private readList(ns: NormalizedSchema, key: string): unknown[] | undefined {
    if (this.params.get(key) === "") return []; // how the SDK writes an empty list
    if (!this.prefixes.has(key)) return undefined;
    const item = ns.getValueSchema();
    const base = ns.getMergedTraits().xmlFlattened
      ? key
      : join(key, item.getMergedTraits().xmlName ?? "member");
    const out: unknown[] = [];
    for (let i = 1; this.prefixes.has(`${base}.${i}`); i++) out.push(this.read(item, `${base}.${i}`));
    return out;
  }

  private readMap(ns: NormalizedSchema, key: string): Record<string, unknown> | undefined {
    if (!this.prefixes.has(key)) return undefined;
    const keyNs = ns.getKeySchema();
    const valueNs = ns.getValueSchema();
    const keyName = keyNs.getMergedTraits().xmlName ?? "key";
    const valueName = valueNs.getMergedTraits().xmlName ?? "value";
    const base = ns.getMergedTraits().xmlFlattened ? key : join(key, "entry");
    const out: Record<string, unknown> = {};
    for (let i = 1; this.prefixes.has(`${base}.${i}`); i++) {
      const name = this.params.get(`${base}.${i}.${keyName}`);
      if (name !== undefined) out[name] = this.read(valueNs, `${base}.${i}.${valueName}`);
    }
    return out;
  }
}

function join(prefix: string, name: string): string {
  return prefix === "" ? name : `${prefix}.${name}`;
}

function scalar(ns: NormalizedSchema, text: string): unknown {
  if (ns.isBlobSchema()) return fromBase64(text);
  if (ns.isBooleanSchema()) return text === "true";
  if (ns.isBigIntegerSchema()) return BigInt(text);
  if (ns.isNumericSchema()) return Number(text);
  if (ns.isTimestampSchema()) {
    const format = ns.getSchema();
    if (format === 7) return new Date(Number(text) * 1000);
    return format === 6 ? parseRfc7231DateTime(text) : parseRfc3339DateTimeWithOffset(text);
  }
  return text;
}
