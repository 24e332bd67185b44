import { spawnSync } from "node:child_process";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");

/**
 * Runs the CLI as a user would, without colours: CI machines set `CI`, which
 * turns picocolors on even when stdout is a pipe.
 */
export const squall = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "bin/squall.js"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined },
  });
