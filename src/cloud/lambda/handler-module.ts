import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire, isBuiltin, type SourceMapPayload } from "node:module";
import { dirname, extname } from "node:path";
import { pathToFileURL } from "node:url";
import { Script } from "node:vm";
import { real } from "../../core/real.ts";
import { rememberSourceMap } from "./compiled-stacks.ts";
import { moduleTypeOf } from "./module-type.ts";

/** A handler file compiled once, whose top-level code can run again for every environment. */
export interface HandlerModuleFactory {
  /** Runs the file's top-level code in a fresh module scope and returns its exports. */
  instantiate(): Record<string, unknown>;
}

type CompiledModule = (
  exports: object,
  require: (specifier: string) => unknown,
  module: { exports: object },
  importMetaUrl: string,
  importMetaFilename: string,
  importMetaDirname: string,
) => void;

/**
 * Real time spent running handler files' top-level code (init phases) through compiled modules,
 * process-wide: what a benchmark reads to tell the handlers' own init cost from Squall's.
 */
export const handlerInitTime = { instances: 0, ms: 0 };

const IMPORT_META = ["__squallMetaUrl", "__squallMetaFilename", "__squallMetaDirname"] as const;

// Process-wide: compiled once per file (and again if the file changes on disk).
const compiled = new Map<string, { stamp: string; factory: Promise<HandlerModuleFactory | undefined> }>();

/**
 * The handler file compiled into a function whose every call is a fresh module instance, or
 * `undefined` when the file needs Node's own loader (see below) and each environment must import
 * it under its own URL instead.
 *
 * Why: importing the file again per environment sends it through the module loader — its
 * resolution of every import, the TypeScript transform, a fresh compile — tens of milliseconds
 * for each cold start, which dominated fault search. Here the file is transformed and compiled
 * once (esbuild; the imports it names are resolved as Node resolves them and loaded once, by
 * Node, so they stay shared exactly as before), and a cold start only runs its top-level code.
 *
 * Only ES module files whose imports are all static take this path. A file that is CommonJS,
 * that uses top-level `await`, a dynamic `import()`, `require`, `import.meta` beyond `url`,
 * `filename` and `dirname`, or that does not transform or resolve, is left to Node's loader, which
 * reproduces its behaviour (and its errors) exactly.
 *
 * The file is looked at on disk (a `stat`) once per `deployment`: every environment of one
 * simulation runs the code the simulation first loaded, as every environment of one deployed
 * function version does; a later simulation sees an edited file. Without it, the `stat` of every
 * cold start took 2% of a fault search.
 *
 * @example
 * const factory = await handlerModuleFactory("/app/src/reserve.ts", kernel);
 * const exports = factory?.instantiate() ?? (await import(`${url}?squall-env=2`));
 */
export function handlerModuleFactory(
  file: string,
  deployment: object,
): Promise<HandlerModuleFactory | undefined> {
  let checked = checkedIn.get(deployment);
  if (checked === undefined) {
    checked = new Map();
    checkedIn.set(deployment, checked);
  }
  let factory = checked.get(file);
  if (factory === undefined) {
    factory = factoryOnDisk(file);
    checked.set(file, factory);
  }
  return factory;
}

/** Each deployment's factories, by file. */
const checkedIn = new WeakMap<object, Map<string, Promise<HandlerModuleFactory | undefined>>>();

function factoryOnDisk(file: string): Promise<HandlerModuleFactory | undefined> {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat === undefined) return Promise.resolve(undefined);
  const stamp = `${stat.mtimeMs}:${stat.size}`;
  const known = compiled.get(file);
  if (known?.stamp === stamp) return known.factory;
  const factory = compile(file).catch(() => undefined);
  compiled.set(file, { stamp, factory });
  return factory;
}

interface Transformed {
  readonly code: string;
  /** Each import specifier of the file, with what Node resolves it to (a path or a builtin). */
  readonly imports: ReadonlyMap<string, string>;
}

async function compile(file: string): Promise<HandlerModuleFactory | undefined> {
  if (moduleTypeOf(file) !== "module") return undefined;
  const transformed = await transform(file);
  if (transformed === undefined) return undefined;
  const modules = new Map<string, unknown>();
  const nodeRequire = createRequire(file);
  for (const [specifier, resolved] of transformed.imports) {
    modules.set(
      specifier,
      isBuiltin(resolved) ? nodeRequire(resolved) : asInterop(await import(pathToFileURL(resolved).href)),
    );
  }
  const parameters = ["exports", "require", "module", ...IMPORT_META].join(", ");
  const script = new Script(`(function (${parameters}) {"use strict";${transformed.code}\n})`, {
    filename: file,
  });
  const run = script.runInThisContext() as CompiledModule;
  const url = pathToFileURL(file).href;
  const directory = dirname(file);
  const require = (specifier: string) => modules.get(specifier);
  return {
    instantiate() {
      const module = { exports: {} };
      const startedMs = real.performanceNow();
      try {
        run.call(undefined, module.exports, require, module, url, file, directory);
      } finally {
        handlerInitTime.instances++;
        handlerInitTime.ms += real.performanceNow() - startedMs;
      }
      return module.exports as Record<string, unknown>;
    },
  };
}

/**
 * An ES module namespace as the transformed code's interop expects a module it `require`s:
 * marked `__esModule`, so a default import reads the namespace's `default`, as Node's does;
 * bindings stay live.
 */
function asInterop(namespace: Record<string, unknown>): object {
  const interop = Object.defineProperty({}, "__esModule", { value: true });
  for (const key of Object.keys(namespace)) {
    if (key === "__esModule") continue;
    Object.defineProperty(interop, key, { enumerable: true, get: () => namespace[key] });
  }
  return interop;
}

const LOADERS: Readonly<Record<string, "ts" | "tsx" | "js" | "jsx">> = {
  ".ts": "ts",
  ".mts": "ts",
  ".tsx": "tsx",
  ".js": "js",
  ".mjs": "js",
  ".jsx": "jsx",
};

async function transform(file: string): Promise<Transformed | undefined> {
  const loader = LOADERS[extname(file)];
  if (loader === undefined) return undefined;
  const esbuild = await import("esbuild");
  const imports = new Map<string, string>();
  let needsNode = false;
  const result = await esbuild.build({
    // Given as stdin, not as a path, so the interop treats the file's imports as Babel-style
    // modules (see asInterop) whatever its package.json says.
    stdin: { contents: await readFile(file, "utf8"), loader, sourcefile: file, resolveDir: dirname(file) },
    bundle: true,
    write: false,
    metafile: true,
    sourcemap: "external",
    sourcesContent: false,
    outfile: `${file}.squall.js`,
    format: "cjs",
    platform: "node",
    target: `node${process.versions.node}`,
    // Resolve as Node's ESM loader does: the "main" field only, the "import" and "node" conditions.
    mainFields: ["main"],
    conditions: [],
    logLevel: "silent",
    define: {
      "import.meta.url": IMPORT_META[0],
      "import.meta.filename": IMPORT_META[1],
      "import.meta.dirname": IMPORT_META[2],
    },
    plugins: [
      {
        name: "squall-handler-imports",
        setup(build) {
          build.onResolve({ filter: /.*/ }, async (args) => {
            if (args.kind === "entry-point" || args.pluginData === "inner") return undefined;
            if (args.kind !== "import-statement") needsNode = true;
            if (isBuiltin(args.path)) {
              imports.set(args.path, args.path);
            } else {
              const found = await build.resolve(args.path, {
                kind: args.kind,
                resolveDir: args.resolveDir,
                importer: args.importer,
                pluginData: "inner",
              });
              if (found.errors.length > 0 || found.path === "") needsNode = true;
              else imports.set(args.path, found.path);
            }
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  const format = Object.values(result.metafile.inputs)[0]?.format;
  const emptyImportMeta = result.warnings.some((warning) => warning.id === "empty-import-meta");
  if (needsNode || format !== "esm" || emptyImportMeta) return undefined;
  const output = (extension: string) => result.outputFiles.find((out) => out.path.endsWith(extension))?.text;
  const map = output(".map");
  if (map !== undefined) rememberSourceMap(file, JSON.parse(map) as SourceMapPayload);
  return { code: output(".js") ?? "", imports };
}
