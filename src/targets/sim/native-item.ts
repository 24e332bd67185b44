import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { AttributeValue, Item } from "../../cloud/table/values.ts";

/**
 * An item as `unmarshall` from `@aws-sdk/util-dynamodb` returns it with its default options (what
 * a DocumentClient without `unmarshallOptions` gives): numbers as `number`, sets as `Set`, binary
 * as the bytes themselves. The same values, for the items the simulated table stores — each
 * attribute value has exactly one type key.
 *
 * Why not `unmarshall` itself: a step check reads whole tables after every step of a run, and the
 * library walks every value through `Object.entries` and `reduce`; in a fault search of the
 * inventory app that was an eighth of all memory allocated. A number outside the safe integer
 * range goes to the library, which turns it into a BigInt or throws as it does.
 *
 * @example
 * nativeItem({ sku: { S: "SKU-RED" }, stock: { N: "3" } }); // { sku: "SKU-RED", stock: 3 }
 */
export function nativeItem(item: Item): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in item) out[key] = nativeValue(item[key] as AttributeValue);
  return out;
}

function nativeValue(value: AttributeValue): unknown {
  if ("S" in value) return value.S;
  if ("N" in value) return nativeNumber(value.N);
  if ("M" in value) return nativeItem(value.M);
  if ("L" in value) return value.L.map(nativeValue);
  if ("BOOL" in value) return Boolean(value.BOOL);
  if ("NULL" in value) return null;
  if ("B" in value) return value.B;
  if ("SS" in value) return new Set(value.SS);
  if ("NS" in value) return new Set(value.NS.map(nativeNumber));
  if ("BS" in value) return new Set(value.BS);
  return unmarshall({ value } as never).value;
}

function nativeNumber(text: string): unknown {
  const n = Number(text);
  if (Number.isSafeInteger(n) || !Number.isInteger(n) || !Number.isFinite(n)) return n;
  return unmarshall({ n: { N: text } }).n;
}
