import { describe, type Issues } from "./issues.ts";

/** The logical names an app declares, by kind, so definitions can check what they refer to. */
export interface DeclaredNames {
  readonly tables: ReadonlySet<string>;
  /** Tables that declare a stream. */
  readonly streams: ReadonlySet<string>;
  readonly queues: ReadonlySet<string>;
  readonly fifoQueues: ReadonlySet<string>;
  readonly topics: ReadonlySet<string>;
  readonly functions: ReadonlySet<string>;
}

type Kind = Exclude<keyof DeclaredNames, "streams" | "fifoQueues"> | "streams";

const NOUNS: Record<Kind, string> = {
  tables: "table",
  streams: "table with a stream",
  queues: "queue",
  topics: "topic",
  functions: "function",
};

/**
 * Records a problem when `value` does not name a declared resource of `kind`, listing the ones
 * that exist. Returns whether it does.
 *
 * @example checkReference(issues, "app.functions.f.events[0].queue", "Ordres", names, "queues")
 */
export function checkReference(
  issues: Issues,
  path: string,
  value: unknown,
  names: DeclaredNames,
  kind: Kind,
): boolean {
  const declared = names[kind];
  if (typeof value === "string" && declared.has(value)) return true;
  const known = [...declared].join(", ") || "none";
  const hint =
    kind === "streams" && typeof value === "string" && names.tables.has(value)
      ? `; table "${value}" has no stream: add stream: "NEW_AND_OLD_IMAGES" to it`
      : ` (declared: ${known})`;
  issues.add(path, `${describe(value)} is not a ${NOUNS[kind]} of this app${hint}`);
  return false;
}
