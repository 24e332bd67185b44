import type { AttributeValue, Item } from "../values.ts";
import type { DocumentPath } from "./document-path.ts";

/** A partial copy being assembled: map keys and list indexes (kept sparse until the end). */
interface Node {
  value?: AttributeValue;
  children?: Map<string | number, Node>;
}

function insert(root: Node, item: Item, path: DocumentPath): void {
  let source: AttributeValue | undefined;
  let node = root;
  for (const [i, step] of path.entries()) {
    if (i === 0) source = Object.hasOwn(item, step as string) ? item[step as string] : undefined;
    else if (source === undefined) return;
    else if (typeof step === "number") source = "L" in source ? source.L[step] : undefined;
    else source = "M" in source && Object.hasOwn(source.M, step) ? source.M[step] : undefined;
    if (source === undefined) return;
    node.children ??= new Map();
    let child = node.children.get(step);
    if (child === undefined) {
      child = {};
      node.children.set(step, child);
    }
    node = child;
  }
  // Callers pass non-overlapping paths (compilation rejects overlaps), so a chosen value never
  // also has chosen children; if it did, the whole value wins in build().
  if (source !== undefined) node.value = source;
}

function build(node: Node, template: AttributeValue | undefined): AttributeValue | undefined {
  if (node.value !== undefined) return node.value;
  if (node.children === undefined || template === undefined) return undefined;
  if ("L" in template) {
    const indexes = [...node.children.keys()]
      .filter((k): k is number => typeof k === "number")
      .sort((a, b) => a - b);
    const elements = indexes.map((i) => build(node.children?.get(i) as Node, template.L[i]));
    const kept = elements.filter((e): e is AttributeValue => e !== undefined);
    return kept.length === 0 ? undefined : { L: kept };
  }
  if (!("M" in template)) return undefined;
  const m: Record<string, AttributeValue> = {};
  for (const [key, child] of node.children) {
    const built = build(child, template.M[key as string]);
    if (built !== undefined) m[key as string] = built;
  }
  // A path that stopped short (its end is missing) leaves an empty branch: drop it.
  return Object.keys(m).length === 0 ? undefined : { M: m };
}

/**
 * The part of `item` at the given paths, shaped like the item: map keys keep their names, chosen
 * list elements are packed in index order (DynamoDB's projection: `l[2], l[0]` gives
 * `l: [l[0], l[2]]`). Missing paths contribute nothing. Used for ProjectionExpression and for
 * ReturnValues UPDATED_OLD / UPDATED_NEW, which the real service answers with only the updated
 * fragment (DynamoDB Local instead returns whole top-level attributes; see
 * github.com/ExtendDB/extenddb issue 98, verified against the real service).
 *
 * @example selectPaths({ m: { M: { a: { N: "1" }, b: { N: "2" } } } }, [["m", "a"]]) // { m: { M: { a: { N: "1" } } } }
 */
export function selectPaths(item: Item, paths: readonly DocumentPath[]): Item {
  const root: Node = {};
  for (const path of paths) insert(root, item, path);
  const result: Item = {};
  for (const [name, child] of root.children ?? []) {
    const built = build(child, item[name as string]);
    if (built !== undefined) result[name as string] = built;
  }
  return result;
}
