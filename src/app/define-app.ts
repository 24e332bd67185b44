import path from "node:path";
import { fileURLToPath } from "node:url";
import { AppDefinitionError } from "./app-definition-error.ts";
import { describe, Issues } from "./issues.ts";
import type { App, AppDefinition } from "./model.ts";
import type { DeclaredNames } from "./resource-names.ts";
import { validateFunction } from "./validate-function.ts";
import { validateQueue } from "./validate-queue.ts";
import { validateTable } from "./validate-table.ts";
import { validateTopic } from "./validate-topic.ts";

const APP_KEYS = ["name", "root", "tables", "queues", "topics", "functions", "delivery"];
type Section = "tables" | "queues" | "topics" | "functions";

/**
 * Declares an app — its tables, queues, topics and functions, and how they are wired — and
 * validates it, reporting every problem at once with its path and the fix.
 *
 * @example
 * export const app = defineApp({
 *   name: "inventory",
 *   root: import.meta.dirname,
 *   tables: { Inventory: { partitionKey: { name: "sku", type: "S" }, stream: "NEW_AND_OLD_IMAGES" } },
 *   queues: { Orders: { visibilityTimeoutSeconds: 30 } },
 *   functions: { reserveStock: { handler: "reserve.ts#handler", events: [{ queue: "Orders" }] } },
 * });
 */
export function defineApp(definition: AppDefinition): App {
  const issues = new Issues();
  const app = issues.object("app", definition as unknown, "an app definition object");
  if (!app) throw new AppDefinitionError(issues.list);
  issues.unknownKeys("app", app, APP_KEYS);
  if (typeof app.name !== "string" || !/^[a-zA-Z][a-zA-Z0-9-]{0,62}$/.test(app.name)) {
    issues.add("app.name", "must be 1-63 letters, digits and dashes, starting with a letter");
  }
  const root = resolveRoot(issues, app.root);
  const sections = {} as Record<Section, Record<string, unknown>>;
  for (const section of ["tables", "queues", "topics", "functions"] as const) {
    const value = app[section];
    sections[section] =
      value === undefined
        ? {}
        : (issues.object(
            `app.${section}`,
            value,
            `an object of ${section.slice(0, -1)} name to definition`,
          ) ?? {});
  }
  const names = declaredNames(sections);
  checkUniqueNames(issues, sections);
  for (const [name, table] of Object.entries(sections.tables))
    validateTable(issues, `app.tables.${name}`, name, table);
  for (const [name, queue] of Object.entries(sections.queues))
    validateQueue(issues, `app.queues.${name}`, name, queue, names);
  for (const [name, topic] of Object.entries(sections.topics))
    validateTopic(issues, `app.topics.${name}`, name, topic, names);
  for (const [name, fn] of Object.entries(sections.functions))
    validateFunction(issues, `app.functions.${name}`, name, fn, names, root);
  validateDelivery(issues, app.delivery);
  if (issues.list.length > 0) throw new AppDefinitionError(issues.list);
  return {
    ...definition,
    root,
    tables: definition.tables ?? {},
    queues: definition.queues ?? {},
    topics: definition.topics ?? {},
    functions: definition.functions ?? {},
  };
}

function resolveRoot(issues: Issues, value: unknown): string {
  if (value === undefined) return process.cwd();
  if (typeof value !== "string" || value === "") {
    issues.add(
      "app.root",
      `expected a directory path or file: URL (import.meta.dirname), got ${describe(value)}`,
    );
    return process.cwd();
  }
  if (!value.startsWith("file:")) return path.resolve(value);
  // import.meta.url names the defining file; its directory is the root.
  const file = fileURLToPath(value);
  return /\.[cm]?[jt]s$/.test(file) ? path.dirname(file) : file;
}

function declaredNames(sections: Record<Section, Record<string, unknown>>): DeclaredNames {
  const flagged = (section: Record<string, unknown>, test: (v: Record<string, unknown>) => boolean) =>
    new Set(
      Object.entries(section)
        .filter(([, v]) => typeof v === "object" && v !== null && test(v as Record<string, unknown>))
        .map(([k]) => k),
    );
  return {
    tables: new Set(Object.keys(sections.tables)),
    streams: flagged(sections.tables, (t) => t.stream !== undefined),
    queues: new Set(Object.keys(sections.queues)),
    fifoQueues: flagged(sections.queues, (q) => q.fifo === true),
    topics: new Set(Object.keys(sections.topics)),
    functions: new Set(Object.keys(sections.functions)),
  };
}

// Like a CloudFormation stack's logical ids, a name means one resource, whatever its kind.
function checkUniqueNames(issues: Issues, sections: Record<Section, Record<string, unknown>>): void {
  const seen = new Map<string, Section>();
  for (const section of ["tables", "queues", "topics", "functions"] as const) {
    for (const name of Object.keys(sections[section])) {
      const first = seen.get(name);
      if (first === undefined) seen.set(name, section);
      else
        issues.add(
          `app.${section}.${name}`,
          `"${name}" already names one of app.${first}; give each resource its own name`,
        );
    }
  }
}

function validateDelivery(issues: Issues, value: unknown): void {
  if (value === undefined) return;
  const delivery = issues.object("app.delivery", value, "{ duplicateDeliveryProbability, reorderWindowMs }");
  if (!delivery) return;
  issues.unknownKeys("app.delivery", delivery, ["duplicateDeliveryProbability", "reorderWindowMs"]);
  const p = delivery.duplicateDeliveryProbability;
  if (p !== undefined && (typeof p !== "number" || !(p >= 0 && p <= 1)))
    issues.add(
      "app.delivery.duplicateDeliveryProbability",
      `expected a probability from 0 to 1, got ${describe(p)}`,
    );
  const w = delivery.reorderWindowMs;
  if (w !== undefined && (typeof w !== "number" || !Number.isInteger(w) || w < 0 || w > 900_000))
    issues.add(
      "app.delivery.reorderWindowMs",
      `expected whole milliseconds from 0 to 900000, got ${describe(w)}`,
    );
}
