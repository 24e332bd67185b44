import type { App, ResourceRef } from "../app/model.ts";
import { isResourceRef } from "../app/refs.ts";
import { PhysicalNames } from "../targets/sim/names.ts";
import { checkPrefix } from "./isolation.ts";
import { IsolationError } from "./isolation-error.ts";

type Kind = ResourceRef["kind"];

/** Options of {@link isolationVariables}. */
export interface IsolationVariablesOptions {
  /**
   * Take function environment variables from these functions only. Needed when two functions
   * give one variable different values (`TABLE_NAME` naming different tables). Default: all.
   */
  functions?: readonly string[];
  /** The region in URLs and ARNs. Default `us-east-1`, the `sim` target's. */
  region?: string;
  /** The account in URLs and ARNs. Default `000000000000`, the `sim` target's. */
  accountId?: string;
}

// The services' own limits on a whole name, `.fifo` included.
const LIMITS: Record<Kind, { max: number; service: string }> = {
  table: { max: 255, service: "DynamoDB" },
  queue: { max: 80, service: "SQS" },
  topic: { max: 256, service: "SNS" },
  function: { max: 64, service: "Lambda" },
};

/**
 * The environment variables that point test code at the app's resources under `prefix`, as the
 * deployed functions see them:
 *
 * - every function `environment` entry that is a resource reference (`TABLE_NAME: tableName("Inventory")`),
 *   resolved to the physical name, URL or ARN (plain string entries are left out: they do not
 *   depend on the prefix);
 * - for every resource, `SQUALL_<KIND>_<LOGICAL>` = its physical name and `…_ARN` = its ARN, plus
 *   `…_URL` for queues; `<LOGICAL>` in upper snake case (`reserveStock` → `RESERVE_STOCK`);
 * - `SQUALL_NAME_PREFIX` = the prefix.
 *
 * @example
 * isolationVariables(app, "pr-42-w1")
 * // { SQUALL_NAME_PREFIX: "pr-42-w1", SQUALL_TABLE_INVENTORY: "pr-42-w1-Inventory",
 * //   SQUALL_TABLE_INVENTORY_ARN: "arn:aws:dynamodb:…:table/pr-42-w1-Inventory", TABLE_NAME: "pr-42-w1-Inventory", … }
 */
export function isolationVariables(
  app: App,
  prefix: string,
  options: IsolationVariablesOptions = {},
): Record<string, string> {
  checkPrefix(prefix);
  const names = new PhysicalNames(app, {
    prefix,
    region: options.region ?? "us-east-1",
    accountId: options.accountId ?? "000000000000",
  });
  const variables = new Variables();
  variables.set("SQUALL_NAME_PREFIX", prefix, "the isolation prefix");
  for (const [kind, logicals] of resourcesOf(app)) {
    for (const logical of logicals) {
      const physical = names.name(logical, kind);
      checkLength(kind, logical, physical, prefix);
      const key = `SQUALL_${kind.toUpperCase()}_${upperSnake(logical)}`;
      const owner = `${kind} "${logical}"`;
      variables.set(key, physical, owner);
      variables.set(`${key}_ARN`, names.arn(logical), owner);
      if (kind === "queue") variables.set(`${key}_URL`, names.queueUrl(logical), owner);
    }
  }
  for (const fn of selectedFunctions(app, options.functions)) {
    for (const [key, entry] of Object.entries(app.functions[fn]?.environment ?? {})) {
      if (isResourceRef(entry)) variables.set(key, names.resolve(entry), `function "${fn}"`);
    }
  }
  return variables.toRecord();
}

function resourcesOf(app: App): [Kind, string[]][] {
  return [
    ["table", Object.keys(app.tables)],
    ["queue", Object.keys(app.queues)],
    ["topic", Object.keys(app.topics)],
    ["function", Object.keys(app.functions)],
  ];
}

function selectedFunctions(app: App, wanted: readonly string[] | undefined): readonly string[] {
  const all = Object.keys(app.functions);
  if (wanted === undefined) return all;
  for (const fn of wanted) {
    if (!all.includes(fn)) {
      throw new IsolationError(
        `functions option names "${fn}", which is not a function of app "${app.name}" ` +
          `(its functions: ${all.join(", ") || "none"})`,
      );
    }
  }
  return wanted;
}

function checkLength(kind: Kind, logical: string, physical: string, prefix: string): void {
  const { max, service } = LIMITS[kind];
  if (physical.length <= max) return;
  throw new IsolationError(
    `${kind} "${logical}" would be named "${physical}" (${physical.length} characters) with prefix ` +
      `"${prefix}", but ${service} allows ${max}: shorten the logical name, or SQUALL_STACK_PREFIX`,
  );
}

/** `reserveStock` → `RESERVE_STOCK`, `order-events.fifo` → `ORDER_EVENTS_FIFO`. */
function upperSnake(logical: string): string {
  return logical
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
}

/** Variables with who set each, so that two claims on one name fail instead of one winning. */
class Variables {
  private readonly entries = new Map<string, { value: string; owner: string }>();

  set(key: string, value: string, owner: string): void {
    const previous = this.entries.get(key);
    if (previous === undefined) {
      this.entries.set(key, { value, owner });
      return;
    }
    if (previous.value === value) return;
    const fix = owner.startsWith("function")
      ? "pass { functions: [...] } to squallWorkerSetup to choose whose variables tests see"
      : "rename one of them";
    throw new IsolationError(
      `environment variable ${key} would be "${previous.value}" for ${previous.owner} and ` +
        `"${value}" for ${owner}: ${fix}`,
    );
  }

  toRecord(): Record<string, string> {
    return Object.fromEntries([...this.entries].map(([key, { value }]) => [key, value]));
  }
}
