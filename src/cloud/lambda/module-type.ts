import { readFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";

/**
 * Whether Node loads a file as an ES module or as CommonJS: by its extension (`.mjs`/`.mts`,
 * `.cjs`/`.cts`), else by the `type` of the nearest package.json, as Node (and tsx) decide.
 *
 * @example moduleTypeOf("/app/src/handler.ts") // "module" when /app/package.json says "type": "module"
 */
export function moduleTypeOf(file: string): "module" | "commonjs" {
  const extension = extname(file);
  if (extension === ".mjs" || extension === ".mts") return "module";
  if (extension === ".cjs" || extension === ".cts") return "commonjs";
  for (let directory = dirname(file); ; directory = dirname(directory)) {
    const type = packageType(join(directory, "package.json"));
    if (type !== undefined) return type;
    if (dirname(directory) === directory) return "commonjs";
  }
}

function packageType(file: string): "module" | "commonjs" | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    return (JSON.parse(text) as { type?: unknown }).type === "module" ? "module" : "commonjs";
  } catch {
    // Node refuses to load anything under a broken package.json; its own loader says so.
    return "commonjs";
  }
}
