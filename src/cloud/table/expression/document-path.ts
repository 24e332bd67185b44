import type { AttributeValue, Item } from "../values.ts";
import { secondPath } from "./clash-order.ts";

/** A resolved document path: attribute names and list indexes, e.g. `["a", "b", 2, "c"]`. */
export type DocumentPath = ReadonlyArray<string | number>;

/**
 * A path as DynamoDB prints it in messages: `[m, x, [1]]`.
 *
 * @example formatPath(["m", "x", 1]) // "[m, x, [1]]"
 */
export function formatPath(path: DocumentPath): string {
  return `[${path.map((step) => (typeof step === "number" ? `[${step}]` : step)).join(", ")}]`;
}

/**
 * The value at a path, or `undefined` when any step is missing or of the wrong kind.
 *
 * @example valueAtPath({ a: { L: [{ S: "x" }] } }, ["a", 0]) // { S: "x" }
 */
export function valueAtPath(item: Item, path: DocumentPath): AttributeValue | undefined {
  let current: AttributeValue | undefined;
  for (const [i, step] of path.entries()) {
    if (i === 0) current = Object.hasOwn(item, step as string) ? item[step as string] : undefined;
    else if (current === undefined) return undefined;
    else if (typeof step === "number") current = "L" in current ? current.L[step] : undefined;
    else current = "M" in current && Object.hasOwn(current.M, step) ? current.M[step] : undefined;
  }
  return current;
}

/**
 * How two paths relate: `overlap` when one is a prefix of the other (or they are equal),
 * `conflict` when they first differ where one indexes a list and the other names a map key.
 *
 * @example pathRelation(["l", 0], ["l", "x"]) // "conflict"
 */
export function pathRelation(a: DocumentPath, b: DocumentPath): "overlap" | "conflict" | "distinct" {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) continue;
    return typeof a[i] === typeof b[i] ? "distinct" : "conflict";
  }
  return "overlap";
}

/**
 * Checks `path` against the paths already `seen` (DynamoDB checks paths last to first) and
 * returns DynamoDB's message, without the `Invalid <Parameter>: ` prefix, if it overlaps or
 * conflicts with one, else `undefined`. "Path one" and the verb always match DynamoDB Local;
 * for "path two" see {@link secondPath}.
 *
 * @example pathClash(["a"], [["a", "b"]]) // "Two document paths overlap with each other; ... path one: [a], path two: [a, b]"
 */
export function pathClash(path: DocumentPath, seen: readonly DocumentPath[]): string | undefined {
  const clashing = seen.filter((other) => pathRelation(path, other) !== "distinct");
  if (clashing.length === 0) return undefined;
  const verb = clashing.some((c) => pathRelation(path, c) === "overlap") ? "overlap" : "conflict";
  const two = secondPath(path, clashing, seen);
  return `Two document paths ${verb} with each other; must remove or rewrite one of these paths; path one: ${formatPath(path)}, path two: ${formatPath(two)}`;
}

/**
 * The first clash among `paths` in DynamoDB's order (last to first; see {@link pathClash}).
 *
 * @example firstPathClash([["a"], ["a"]]) // "Two document paths overlap ... path one: [a], path two: [a]"
 */
export function firstPathClash(paths: readonly DocumentPath[]): string | undefined {
  const seen: DocumentPath[] = [];
  for (const path of [...paths].reverse()) {
    const clash = pathClash(path, seen);
    if (clash !== undefined) return clash;
    seen.push(path);
  }
  return undefined;
}
