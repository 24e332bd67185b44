import { refCounted } from "../../core/ref-counted.ts";

/** Where a console call goes: the log of the running invocation, or (undefined) the real console. */
export type ConsoleRoute = (level: string, args: readonly unknown[]) => boolean;

const METHODS = {
  log: "INFO",
  info: "INFO",
  warn: "WARN",
  error: "ERROR",
  debug: "DEBUG",
  trace: "TRACE",
} as const;

const routes = new Set<ConsoleRoute>();
const install = refCounted(() => patchConsole());

/**
 * Routes `console.log/info/warn/error/debug/trace` through `route` while acquired: the route
 * returns true when it took the call (code running in a simulated Lambda), false to let the real
 * console print it. The console patch is installed once, reference-counted, and removed with the
 * last release.
 *
 * @example
 * const release = captureConsole((level, args) => scope ? (scope.log(level, args), true) : false);
 */
export function captureConsole(route: ConsoleRoute): () => void {
  routes.add(route);
  const release = install();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    routes.delete(route);
    release();
  };
}

function patchConsole(): () => void {
  const originals = Object.keys(METHODS).map((name) => {
    const key = name as keyof typeof METHODS;
    return [key, console[key]] as const;
  });
  for (const [key, original] of originals) {
    const level = METHODS[key];
    console[key] = (...args: unknown[]): void => {
      for (const route of routes) if (route(level, args)) return;
      original.apply(console, args);
    };
  }
  return () => {
    for (const [key, original] of originals) console[key] = original;
  };
}
