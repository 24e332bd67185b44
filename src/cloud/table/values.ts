/**
 * DynamoDB's attribute values, in the same shape the low-level SDK client and the wire
 * protocol use (binary as bytes here; the wire form base64-encodes it).
 */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: Uint8Array }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: Uint8Array[] }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { NULL: true }
  | { BOOL: boolean };

/** An item: attribute name to value. */
export type Item = Record<string, AttributeValue>;

export * from "./value-compare.ts";
export * from "./value-number.ts";
export * from "./value-size.ts";
export * from "./value-validate.ts";
