import { marshall } from "@aws-sdk/util-dynamodb";
import type { App } from "../../app/model.ts";
import type { Item } from "../../cloud/table/values.ts";
import { SquallError } from "../../core/errors.ts";
import type {
  DocumentItem,
  Hop,
  InvokeResult,
  LogEntry,
  LogQuery,
  TableChange,
  Target,
  TargetStats,
} from "../target.ts";
import { nativeItem } from "./native-item.ts";
import type { SimulatedCloud } from "./simulated-cloud.ts";
import { StepCheckRefusedError } from "./step-check-refused-error.ts";

/**
 * The simulated cloud as an invariant's step check sees it: reads answer at once from the
 * services' state — the latest item, as a consistent read through the SDK would return it, but
 * without a network latency drawn, a span traced or capacity consumed — and actions throw
 * {@link StepCheckRefusedError}. So checking between two steps leaves the run as it was.
 *
 * @example
 * const view = new ReadOnlyTarget(cloud, "stock never below zero");
 * const items = await view.scan("Inventory"); // no choice drawn, nothing scheduled
 */
export class ReadOnlyTarget implements Target {
  readonly kind = "sim";
  readonly app: App;

  private readonly reader: string;

  /** `name` is the invariant whose step check reads, or (`readerKind: "sometimes"`) the state checked. */
  constructor(
    private readonly cloud: SimulatedCloud,
    private readonly name: string,
    private readonly readerKind: "invariant" | "sometimes" = "invariant",
  ) {
    this.app = cloud.app;
    this.reader =
      readerKind === "invariant" ? `the step check of invariant "${name}"` : `sometimes state "${name}"`;
  }

  physicalName(logical: string): string {
    return this.cloud.physicalName(logical);
  }

  async getItem(table: string, key: DocumentItem): Promise<DocumentItem | undefined> {
    const name = this.cloud.tableName(table);
    const schema = this.cloud.dynamodb.tables.describe(name)?.keys;
    const names = [schema?.partition.name, schema?.sort?.name].filter((n) => n !== undefined);
    const given = Object.keys(key);
    if (given.length !== names.length || !names.every((n) => key[n] !== undefined))
      throw new SquallError(
        `getItem("${table}") in ${this.reader}: the key must give exactly ` +
          `the table's key attributes (${names.join(", ")}), got (${given.join(", ")})`,
      );
    const item = this.cloud.dynamodb.tables.peekItem(name, marshall(key) as Item);
    return item === undefined ? undefined : nativeItem(item);
  }

  async scan(table: string): Promise<DocumentItem[]> {
    return this.cloud.scanTable(table).map(nativeItem);
  }

  tableChanges(table: string): Promise<TableChange[]> {
    return this.cloud.tableChanges(table);
  }

  nowMs(): number {
    return this.cloud.nowMs();
  }

  logs(query?: LogQuery): Promise<LogEntry[]> {
    return this.cloud.logs(query);
  }

  hops(): Promise<Hop[]> {
    return this.cloud.hops();
  }

  stats(): Promise<TargetStats> {
    return this.cloud.stats();
  }

  // Actions throw at the call, not in the promise: a check that drops the promise still hears.
  sendMessage(queue: string): Promise<{ messageId: string }> {
    throw this.refuse(`sendMessage("${queue}")`);
  }

  publish(topic: string): Promise<{ messageId: string }> {
    throw this.refuse(`publish("${topic}")`);
  }

  putItem(table: string): Promise<void> {
    throw this.refuse(`putItem("${table}")`);
  }

  invoke(fn: string): Promise<InvokeResult> {
    throw this.refuse(`invoke("${fn}")`);
  }

  settle(): Promise<void> {
    throw this.refuse("settle()");
  }

  advance(ms: number): Promise<void> {
    throw this.refuse(`advance(${ms})`);
  }

  dispose(): Promise<void> {
    throw this.refuse("dispose()");
  }

  [Symbol.asyncDispose](): Promise<void> {
    throw this.refuse("dispose()");
  }

  private refuse(operation: string): StepCheckRefusedError {
    return new StepCheckRefusedError(operation, this.name, this.readerKind);
  }
}
