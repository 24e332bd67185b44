import type { Item } from "../values.ts";
import type { PathNode } from "./ast.ts";
import type { ExpressionContext } from "./context.ts";
import { type DocumentPath, firstPathClash } from "./document-path.ts";
import { invalidExpression } from "./errors.ts";
import { checkLimits, Resolver } from "./resolve.ts";
import { selectPaths } from "./select.ts";
import { TokenStream } from "./token-stream.ts";
import { checkWalk } from "./walk.ts";

declare const projectionBrand: unique symbol;
/** A compiled ProjectionExpression (opaque; apply with {@link project}). */
export type Projection = { readonly [projectionBrand]: true };

/**
 * The paths behind a Projection, in source order.
 *
 * @example projectionPaths(compileProjection("a, b.c", ctx)) // [["a"], ["b", "c"]]
 */
export function projectionPaths(projection: Projection): readonly DocumentPath[] {
  return projection as unknown as readonly DocumentPath[];
}

/**
 * Compiles `path, path, ...`, throwing DynamoDB's `Invalid ProjectionExpression: ...` for syntax
 * errors, reserved words, undefined `#names` and overlapping or conflicting paths.
 *
 * @example compileProjection("sku, #d.price, tags[0]", new ExpressionContext({ "#d": "details" }, undefined))
 */
export function compileProjection(expression: string, ctx: ExpressionContext): Projection {
  const stream = new TokenStream(expression, "ProjectionExpression");
  const nodes: PathNode[] = [stream.parsePath()];
  while (stream.accept(",")) nodes.push(stream.parsePath());
  stream.expectEnd();
  checkWalk(
    "ProjectionExpression",
    nodes.map((node) => ({ kind: "path", node })),
    "condition",
  );
  checkLimits("ProjectionExpression", nodes);
  const resolver = new Resolver(ctx, "ProjectionExpression");
  // DynamoDB Local reports the last undefined #name of a projection (probe: "#a, #b, #c" with
  // none defined names #c), so the paths are resolved last to first.
  const paths = [...nodes]
    .reverse()
    .map((node) => resolver.path(node))
    .reverse();
  const clash = firstPathClash(paths);
  if (clash !== undefined) throw invalidExpression("ProjectionExpression", clash);
  return paths as unknown as Projection;
}

/**
 * The projected part of an item: only the named paths, list elements packed in index order.
 *
 * @example project(p, { sku: { S: "a" }, qty: { N: "1" } }) // { sku: { S: "a" } }
 */
export function project(projection: Projection, item: Item): Item {
  return selectPaths(item, projectionPaths(projection));
}
