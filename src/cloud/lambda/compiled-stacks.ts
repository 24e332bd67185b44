import { SourceMap, type SourceMapPayload } from "node:module";

// Source maps of the handler files compiled in this process (see handler-module.ts), by path.
const maps = new Map<string, SourceMap>();

/**
 * Remembers how a compiled handler file's lines map back to its source. Node applies source maps
 * to what its module loader compiles, not to code run through `node:vm`, so Squall maps the
 * frames of a handler's error itself (`originalStack`).
 *
 * @example rememberSourceMap("/app/src/reserve.ts", JSON.parse(mapText));
 */
export function rememberSourceMap(file: string, payload: SourceMapPayload): void {
  maps.set(file, new SourceMap(payload));
}

const FRAME = /^(.*?)([^\s()]+):(\d+):(\d+)(\)?)$/;

/**
 * A stack with each frame in a compiled handler file pointing at the file's own line and column,
 * as Lambda's runtime would show them.
 *
 * @example originalStack(error.stack) // "… at handler (/app/src/reserve.ts:6:9)"
 */
export function originalStack(lines: readonly string[]): string[] {
  if (maps.size === 0) return [...lines];
  return lines.map((line) => {
    const frame = FRAME.exec(line);
    const map = frame === null ? undefined : maps.get(frame[2] as string);
    if (frame === null || map === undefined) return line;
    const entry = map.findEntry(Number(frame[3]) - 1, Number(frame[4]) - 1);
    if (!("originalLine" in entry)) return line;
    return `${frame[1]}${frame[2]}:${entry.originalLine + 1}:${entry.originalColumn + 1}${frame[5]}`;
  });
}
