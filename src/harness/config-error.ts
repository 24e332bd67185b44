import { SquallError } from "../core/errors.ts";

/**
 * A `squall.config.ts` that cannot be used: missing, failing to load, or of the wrong shape.
 * The message names the file, what is wrong and how to fix it.
 *
 * @example
 * throw new ConfigError("examples/x/squall.config.ts", "has no default export", "export default defineConfig({ ... })");
 */
export class ConfigError extends SquallError {
  override name = "ConfigError";

  constructor(
    readonly file: string,
    problem: string,
    fix: string,
  ) {
    super(`${file}: ${problem}. ${fix}`);
  }
}
