import { NormalizedSchema } from "@smithy/core/schema";
import { dateToUtcString, toBase64 } from "@smithy/core/serde";
import type { AwsServiceError } from "../../cloud/aws-error.ts";
import type { HttpResponseLike } from "../types.ts";
import { operationSchema } from "./catalogue.ts";
import { queryErrorCode } from "./error-schemas.ts";
import { baseHeaders, encoder, faultOf, reasonOf } from "./http.ts";
import type { QueryProtocol } from "./service-protocol.ts";

/**
 * AWS Query responses, server side: `<OpResponse xmlns=…><OpResult>…</OpResult><ResponseMetadata>
 * <RequestId>…</RequestId></ResponseMetadata></OpResponse>`, the result written against the output
 * schema — the reverse of the SDK's XML deserialiser: lists as `<name><member>…</member></name>`
 * (items inline when flattened), maps as `<name><entry><key/><value/></entry></name>` (names from
 * `xmlName`), blobs as base64, timestamps as ISO 8601 unless the member says otherwise.
 */

const XML_CONTENT_TYPE = "text/xml";

/**
 * A 200 response carrying `output` as the operation's XML result.
 *
 * @example
 * encodeQueryResponse(SNS, "Publish", { MessageId: "m1" }, requestId);
 */
export function encodeQueryResponse(
  protocol: QueryProtocol,
  operation: string,
  output: Record<string, unknown>,
  requestId: string,
): HttpResponseLike {
  const schema = operationSchema(protocol.serviceId, operation);
  const outputNs = schema === undefined ? undefined : NormalizedSchema.of(schema[5]);
  const result = outputNs?.isStructSchema()
    ? element(`${operation}Result`, structBody(outputNs, output))
    : "";
  const metadata = element("ResponseMetadata", element("RequestId", escapeXml(requestId)));
  const xml = `<${operation}Response xmlns="${protocol.xmlNamespace}">${result}${metadata}</${operation}Response>`;
  const body = encoder.encode(xml);
  return { statusCode: 200, headers: baseHeaders(XML_CONTENT_TYPE, requestId, body.byteLength), body };
}

/**
 * The error response for `error`: `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code>
 * <Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>` with the error's status.
 * The code is the wire code (a shape name like `NotFoundException` becomes `NotFound`).
 *
 * @example
 * encodeQueryError(SNS, new AwsServiceError("NotFound", "Topic does not exist", { statusCode: 404 }), id);
 */
export function encodeQueryError(
  protocol: QueryProtocol,
  error: AwsServiceError,
  requestId: string,
): HttpResponseLike {
  const extra = Object.entries(error.fields)
    .filter(([, value]) => value !== undefined && value !== null && typeof value !== "object")
    .map(([name, value]) => element(name, escapeXml(String(value))))
    .join("");
  const code = queryErrorCode(protocol.namespace, error.code);
  const inner =
    element("Type", faultOf(error)) +
    element("Code", escapeXml(code)) +
    element("Message", escapeXml(error.message));
  const xml =
    `<ErrorResponse xmlns="${protocol.xmlNamespace}">${element("Error", inner + extra)}` +
    `${element("RequestId", escapeXml(requestId))}</ErrorResponse>`;
  const body = encoder.encode(xml);
  const headers = baseHeaders(XML_CONTENT_TYPE, requestId, body.byteLength);
  return { statusCode: error.statusCode, reason: reasonOf(error), headers, body };
}

function element(name: string, content: string): string {
  return `<${name}>${content}</${name}>`;
}

function structBody(ns: NormalizedSchema, value: Record<string, unknown>): string {
  let xml = "";
  for (const [name, member] of ns.structIterator()) {
    const memberValue = value[name];
    if (memberValue === undefined || memberValue === null) continue;
    xml += memberXml(member, member.getMergedTraits().xmlName ?? name, memberValue);
  }
  return xml;
}

function memberXml(ns: NormalizedSchema, name: string, value: unknown): string {
  if (ns.isListSchema()) {
    const item = ns.getValueSchema();
    const flat = ns.getMergedTraits().xmlFlattened === 1;
    const itemName = flat ? name : (item.getMergedTraits().xmlName ?? "member");
    const items = (value as unknown[])
      .filter((v) => v !== undefined && v !== null)
      .map((v) => memberXml(item, itemName, v))
      .join("");
    return flat ? items : element(name, items);
  }
  if (ns.isMapSchema()) {
    const keyName = ns.getKeySchema().getMergedTraits().xmlName ?? "key";
    const valueNs = ns.getValueSchema();
    const valueName = valueNs.getMergedTraits().xmlName ?? "value";
    const flat = ns.getMergedTraits().xmlFlattened === 1;
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) =>
        element(flat ? name : "entry", element(keyName, escapeXml(k)) + memberXml(valueNs, valueName, v)),
      )
      .join("");
    return flat ? entries : element(name, entries);
  }
  if (ns.isStructSchema()) return element(name, structBody(ns, value as Record<string, unknown>));
  return element(name, escapeXml(scalarText(ns, value)));
}

function scalarText(ns: NormalizedSchema, value: unknown): string {
  if (value instanceof Uint8Array) return toBase64(value);
  if (value instanceof Date) {
    const format = ns.getSchema();
    if (format === 7) return String(value.getTime() / 1000);
    return format === 6 ? dateToUtcString(value) : value.toISOString().replace(".000Z", "Z");
  }
  return String(value);
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r\n]/g, (c) => ENTITIES[c] ?? c);
}

// Carriage returns and newlines as references too, so XML parsing keeps them exactly.
const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\r": "&#x0D;",
  "\n": "&#x0A;",
};
