import { SquallError } from "../core/errors.ts";

/**
 * A malformed app definition. The message names the path of the offending value
 * (`tables.Inventory.partitionKey.type`) and how to fix it; `issues` lists every problem found.
 *
 * @example
 * try { defineApp(input) } catch (e) { if (e instanceof AppDefinitionError) console.error(e.issues) }
 */
export class AppDefinitionError extends SquallError {
  override name = "AppDefinitionError";
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    const list = issues.map((i) => `  - ${i}`).join("\n");
    super(`the app definition has ${issues.length} problem${issues.length === 1 ? "" : "s"}:\n${list}`);
    this.issues = issues;
  }
}
