import type { ResourceRef } from "../../app/model.ts";
import type { PhysicalNames } from "./names.ts";

type Kind = ResourceRef["kind"];

/**
 * The way back from physical names (as SDK calls and invocation spans carry them) to an app's
 * logical names. A name that is not one of the app's resources stays as it is: handler code may
 * touch a queue or table the app does not declare.
 *
 * @example
 * const logical = new LogicalNames(names);
 * logical.of("queue", "pr-12-Orders"); // "Orders"
 */
export class LogicalNames {
  private readonly byKind = new Map<Kind, Map<string, string>>();

  constructor(names: PhysicalNames) {
    const { app } = names;
    const resources: [Kind, readonly string[]][] = [
      ["table", Object.keys(app.tables)],
      ["queue", Object.keys(app.queues)],
      ["topic", Object.keys(app.topics)],
      ["function", Object.keys(app.functions)],
    ];
    for (const [kind, logicals] of resources)
      this.byKind.set(kind, new Map(logicals.map((logical) => [names.name(logical, kind), logical])));
  }

  /** The logical name of a resource of `kind` with this physical name, else the name itself. */
  of(kind: Kind, physical: string): string {
    return this.byKind.get(kind)?.get(physical) ?? physical;
  }
}
