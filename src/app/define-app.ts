import { AppDefinitionError } from "./app-definition-error.ts";
import { Issues } from "./issues.ts";
import type { App, AppDefinition } from "./model.ts";
import { validateTable } from "./validate-table.ts";

/**
 * Declares an app — its tables now; functions, queues and topics as Squall grows — and
 * validates it, reporting every problem at once with its path and the fix.
 *
 * @example
 * export const app = defineApp({
 *   name: "inventory",
 *   tables: { Inventory: { partitionKey: { name: "sku", type: "S" }, stream: "NEW_AND_OLD_IMAGES" } },
 * });
 */
export function defineApp(definition: AppDefinition): App {
  const issues = new Issues();
  const app = issues.object("app", definition as unknown, "an app definition object");
  if (!app) throw new AppDefinitionError(issues.list);
  issues.unknownKeys("app", app, ["name", "tables"]);
  if (typeof app.name !== "string" || !/^[a-zA-Z][a-zA-Z0-9-]{0,62}$/.test(app.name)) {
    issues.add("app.name", "must be 1-63 letters, digits and dashes, starting with a letter");
  }
  const tables =
    app.tables === undefined
      ? {}
      : issues.object("app.tables", app.tables, "an object of table name to table");
  for (const [name, table] of Object.entries(tables ?? {}))
    validateTable(issues, `app.tables.${name}`, name, table);
  if (issues.list.length > 0) throw new AppDefinitionError(issues.list);
  return { ...definition, tables: definition.tables ?? {} };
}
