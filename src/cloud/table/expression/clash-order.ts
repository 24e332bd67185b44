import type { DocumentPath } from "./document-path.ts";
import { javaStringHash } from "./java-order.ts";

/**
 * Which path DynamoDB names as "path two" when `path` clashes with paths already seen.
 *
 * DynamoDB keeps the paths in a tree of hash maps and, on a clash, names the last path of the
 * subtree where the lookup failed, in the maps' iteration order — often not the path that
 * clashes (`SET a = :v, a = :v, b = :v` names `[b]`). We mirror that: the subtree is the one
 * under the longest prefix `path` shares with a clashing path (at most its parent), children in
 * hash-bucket order. The bucket offset of 1 was fitted to DynamoDB Local: this reproduces 320 of
 * 339 random multi-path clashes (the simpler "first clashing path" rule gets 232).
 *
 * @example secondPath(["a"], [["b"], ["a"]]) // ["b"]
 */
export function secondPath(
  path: DocumentPath,
  clashing: readonly DocumentPath[],
  seen: readonly DocumentPath[],
): DocumentPath {
  let shared = 0;
  for (const other of clashing) {
    let k = 0;
    while (k < Math.min(path.length, other.length) && path[k] === other[k]) k++;
    shared = Math.max(shared, k);
  }
  const root = path.slice(0, Math.min(shared, path.length - 1));
  const under = seen.filter((other) => root.every((step, i) => other[i] === step));
  return lastInTreeOrder(under, root.length) ?? (clashing[0] as DocumentPath);
}

/**
 * The bucket of a path step in DynamoDB's tree of hash maps of update paths (16 buckets, the
 * step's Java hash plus one, spread as java.util.HashMap spreads it).
 *
 * @example pathTreeBucket("a") // 2
 */
export function pathTreeBucket(step: string | number): number {
  const hash = ((typeof step === "number" ? step : javaStringHash(step)) + 1) >>> 0;
  return (hash ^ (hash >>> 16)) & 15;
}

/** The last of `paths` (all sharing their first `depth` steps) in tree iteration order. */
function lastInTreeOrder(paths: readonly DocumentPath[], depth: number): DocumentPath | undefined {
  const children = new Map<string | number, DocumentPath[]>();
  let own: DocumentPath | undefined;
  for (const p of paths) {
    if (p.length === depth) own = p;
    else {
      const step = p[depth] as string | number;
      children.set(step, [...(children.get(step) ?? []), p]);
    }
  }
  // Stable sort: steps in the same bucket keep insertion order, as in a Java HashMap.
  const ordered = [...children.keys()].sort((a, b) => pathTreeBucket(a) - pathTreeBucket(b));
  const last = ordered.at(-1);
  if (last === undefined) return own;
  return lastInTreeOrder(children.get(last) as DocumentPath[], depth + 1);
}
