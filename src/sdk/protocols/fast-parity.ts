import { NormalizedSchema } from "@smithy/core/schema";
import { Uint8ArrayBlobAdapter } from "@smithy/core/serde";
import { isOperationSchema } from "./catalogue.ts";
import { encoder } from "./http.ts";

/**
 * What the SDK's pipeline does to an input or output beyond the service's own values, so that
 * `fast` mode (which skips the pipeline) hands over the same values `wire` mode does:
 * - a top-level blob given as a string reaches the service as its UTF-8 bytes (an empty payload
 *   as no payload at all, as no body is sent);
 * - a blob payload (`Invoke`'s `Payload`) comes back as a `Uint8ArrayBlobAdapter`
 *   (`Payload.transformToString()`), and as `null` when the response has no body;
 * - the member bound to the HTTP status (`StatusCode`) is the status, which is also
 *   `$metadata.httpStatusCode` (202 for an `Event` invoke).
 * Facts per operation are computed once and cached on the schema.
 */
interface Facts {
  /** Top-level input blobs, and whether each is the payload. */
  inputBlobs: [name: string, isPayload: boolean][];
  /** The output's blob payload member, if any. */
  outputPayload: string | undefined;
  /** The output member bound to the HTTP status, if any. */
  statusMember: string | undefined;
  /** The operation's success status from its `http` trait (200 for RPC protocols). */
  defaultStatus: number;
}

const cache = new WeakMap<object, Facts | null>();

/**
 * The input the service would see in `wire` mode.
 *
 * @example
 * serviceInput(new InvokeCommand({ FunctionName: "f", Payload: '{"a":1}' }).schema, input).Payload; // Uint8Array
 */
export function serviceInput(schema: unknown, input: Record<string, unknown>): Record<string, unknown> {
  const facts = factsOf(schema);
  if (facts === null || facts.inputBlobs.length === 0) return input;
  let out = input;
  for (const [name, isPayload] of facts.inputBlobs) {
    const value = input[name];
    const empty = isPayload && (value === "" || (value instanceof Uint8Array && value.byteLength === 0));
    if (typeof value !== "string" && !empty) continue;
    if (out === input) out = { ...input };
    if (empty) delete out[name];
    else out[name] = encoder.encode(value as string);
  }
  return out;
}

/**
 * Shapes a service's output as the SDK's deserialiser would have, in place, and returns its HTTP status.
 *
 * @example
 * const status = shapeOutput(new InvokeCommand(input).schema, output); // 202, output.Payload === null
 */
export function shapeOutput(schema: unknown, output: Record<string, unknown>): number {
  const facts = factsOf(schema);
  if (facts === null) return 200;
  if (facts.outputPayload !== undefined) {
    const value = output[facts.outputPayload];
    if (value === undefined || value === null || (value instanceof Uint8Array && value.byteLength === 0)) {
      output[facts.outputPayload] = null;
    } else if (!(value instanceof Uint8ArrayBlobAdapter)) {
      const bytes = value instanceof Uint8Array ? value : encoder.encode(String(value));
      output[facts.outputPayload] = Uint8ArrayBlobAdapter.mutate(bytes);
    }
  }
  if (facts.statusMember === undefined) return facts.defaultStatus;
  const status = output[facts.statusMember];
  if (typeof status === "number") return status;
  output[facts.statusMember] = facts.defaultStatus;
  return facts.defaultStatus;
}

function factsOf(schema: unknown): Facts | null {
  if (!isOperationSchema(schema)) return null;
  let facts = cache.get(schema);
  if (facts === undefined) {
    facts = computeFacts(schema);
    cache.set(schema, facts);
  }
  return facts;
}

function computeFacts(schema: unknown[]): Facts {
  const inputBlobs: [string, boolean][] = [];
  const input = NormalizedSchema.of(schema[4] as never);
  if (input.isStructSchema()) {
    for (const [name, member] of input.structIterator()) {
      if (member.isBlobSchema()) inputBlobs.push([name, member.getMergedTraits().httpPayload === 1]);
    }
  }
  let outputPayload: string | undefined;
  let statusMember: string | undefined;
  const output = NormalizedSchema.of(schema[5] as never);
  if (output.isStructSchema()) {
    for (const [name, member] of output.structIterator()) {
      const traits = member.getMergedTraits();
      if (traits.httpPayload && member.isBlobSchema() && !member.isStreaming()) outputPayload = name;
      if (traits.httpResponseCode) statusMember = name;
    }
  }
  const http = (schema[3] as { http?: [string, string, number] }).http;
  return { inputBlobs, outputPayload, statusMember, defaultStatus: http?.[2] ?? 200 };
}
