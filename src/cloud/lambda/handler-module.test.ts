import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { FunctionFailure } from "./failure.ts";
import { handlerModuleFactory } from "./handler-module.ts";

const dir = mkdtempSync(join(tmpdir(), "squall-handler-module-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

write("package.json", JSON.stringify({ type: "module" }));
write(
  "shared.ts",
  "export let loads = 0;\nexport const load = () => ++loads;\nexport default 'shared default';\n",
);

// Each call its own deployment (a simulation of its own), unless one is given.
async function instantiate(file: string, deployment: object = {}): Promise<Record<string, unknown>> {
  const factory = await handlerModuleFactory(file, deployment);
  if (factory === undefined) throw new Error(`${file} was left to Node's loader`);
  return factory.instantiate();
}

describe("handlerModuleFactory", () => {
  it("gives every instance its own module state, and shares the modules it imports", async () => {
    const file = write(
      "counter.ts",
      [
        "import shared, { load, loads } from './shared.ts';",
        "import { join } from 'node:path';",
        "let count = 0;",
        "load();",
        "export const handler = (): [number, number, string, string] => [++count, loads, shared, join('a', 'b')];",
      ].join("\n"),
    );
    const first = (await instantiate(file)).handler as () => unknown;
    const second = (await instantiate(file)).handler as () => unknown;
    expect(first()).toEqual([1, 2, "shared default", "a/b"]);
    expect(first()).toEqual([2, 2, "shared default", "a/b"]);
    expect(second()).toEqual([1, 2, "shared default", "a/b"]);
  });

  it("reads a CommonJS package's default export as Node does, and keeps import.meta's paths", async () => {
    // In the project, so that its packages resolve as the handler's own imports would.
    const inProject = join(import.meta.dirname, "testing", "meta-handler.ts");
    const info = (await instantiate(inProject)).info;
    expect(info).toEqual({
      colors: "function",
      client: "function",
      url: pathToFileURL(inProject).href,
      filename: inProject,
      dirname: join(import.meta.dirname, "testing"),
    });
  });

  it("maps a handler error's frames back to the file's own lines", async () => {
    const file = write(
      "throws.ts",
      "type Order = { id: string };\n\nexport const handler = (order: Order) => {\n  throw new Error(order.id);\n};\n",
    );
    const handler = (await instantiate(file)).handler as (order: { id: string }) => never;
    let failure: FunctionFailure | undefined;
    try {
      handler({ id: "order-1" });
    } catch (error) {
      failure = FunctionFailure.fromError(error);
    }
    expect(failure?.trace.find((frame) => frame.includes(file))).toMatch(/throws\.ts:4:9\)$/);
  });

  it("leaves to Node's loader what it cannot compile the same way", async () => {
    const cases = {
      "top-level-await.ts": "await Promise.resolve();\nexport const handler = () => 1;",
      "dynamic-import.ts": "export const handler = () => import('./shared.ts');",
      "meta-resolve.ts": "export const handler = () => import.meta.resolve('./shared.ts');",
      "commonjs.cts": "export const handler = () => 1;",
      "syntax-error.ts": "export const handler = ( => 1;",
      "missing-import.ts": "import { x } from './nowhere.ts';\nexport const handler = () => x;",
    };
    for (const [name, text] of Object.entries(cases)) {
      expect(await handlerModuleFactory(write(name, text), {}), name).toBeUndefined();
    }
    expect(await handlerModuleFactory(join(dir, "absent.ts"), {})).toBeUndefined();
  });

  it("compiles a file again once it changed on disk", async () => {
    const file = write("changing.ts", "export const handler = () => 'before';");
    expect(((await instantiate(file)).handler as () => string)()).toBe("before");
    write("changing.ts", "export const handler = () => 'after, and longer';");
    expect(((await instantiate(file)).handler as () => string)()).toBe("after, and longer");
  });

  it("keeps the code one deployment first loaded, as a deployed function version does", async () => {
    const file = write("deployed.ts", "export const handler = () => 'deployed';");
    const deployment = {};
    expect(((await instantiate(file, deployment)).handler as () => string)()).toBe("deployed");
    write("deployed.ts", "export const handler = () => 'edited since, and longer';");
    expect(((await instantiate(file, deployment)).handler as () => string)()).toBe("deployed");
    expect(((await instantiate(file)).handler as () => string)()).toBe("edited since, and longer");
  });
});
