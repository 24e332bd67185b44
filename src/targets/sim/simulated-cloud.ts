import type { App } from "../../app/model.ts";
import { toCreateTableInput } from "../../app/to-create-table.ts";
import type { LambdaService } from "../../cloud/lambda/service.ts";
import type { SqsService } from "../../cloud/queue/service.ts";
import type { SimulatedDynamoDb } from "../../cloud/table/simulated-dynamodb.ts";
import type { StoredStreamRecord } from "../../cloud/table/streams/types.ts";
import type { Item } from "../../cloud/table/values.ts";
import type { SnsService } from "../../cloud/topic/service.ts";
import { currentSimulation } from "../../core/context.ts";
import { SquallError } from "../../core/errors.ts";
import { Simulation } from "../../core/simulation.ts";
import type { RunLimits } from "../../core/simulation-options.ts";
import { validateCorrelation } from "../../sdk/options.ts";
import type { IndeterminateOperation } from "../scenario.ts";
import { SdkOperations, stringAttributes } from "../sdk-operations.ts";
import type {
  DocumentItem,
  Hop,
  InvokeOptions,
  InvokeResult,
  LogEntry,
  LogQuery,
  PublishOptions,
  SendMessageOptions,
  TableChange,
  Target,
  TargetStats,
} from "../target.ts";
import { serviceFaults } from "./apply-faults.ts";
import { createCloudServices } from "./cloud-services.ts";
import { type EventSources, startEventSources } from "./event-sources.ts";
import { collectHops } from "./hops.ts";
import { IndeterminateOperations } from "./indeterminate.ts";
import { PhysicalNames } from "./names.ts";
import { nativeItem } from "./native-item.ts";
import { createQueues, createTopics } from "./provision.ts";
import type { SimulateOptions } from "./simulate-options.ts";
import { runStats } from "./stats.ts";

export type { SimulateOptions } from "./simulate-options.ts";

const REGION = "us-east-1";
const ACCOUNT_ID = "000000000000";

/**
 * An app running in the simulation: its tables, queues, topics and functions created in the
 * simulated services, its event sources polling, and the unmodified SDK clients of code running
 * inside routed to them. It is the `sim` {@link Target}.
 */
export class SimulatedCloud implements Target {
  readonly kind = "sim";
  readonly sim: Simulation;
  readonly app: App;
  readonly names: PhysicalNames;
  readonly dynamodb: SimulatedDynamoDb;
  readonly sqs: SqsService;
  readonly sns: SnsService;
  readonly lambda: LambdaService;
  private readonly ops: SdkOperations;
  private readonly releases: (() => void)[] = [];
  private readonly correlationField: string;
  private readonly unknownOutcomes = new IndeterminateOperations();
  private hopsRead: { readonly at: string; readonly hops: readonly Hop[] } | undefined;
  /** The running event source mappings (SQS queues and table streams). */
  readonly eventSources: EventSources;

  constructor(app: App, options: SimulateOptions) {
    validateCorrelation(options.correlation);
    const faults = serviceFaults(options.faults ?? {});
    this.app = app;
    this.sim = new Simulation(options);
    this.names = new PhysicalNames(app, {
      prefix: options.namePrefix,
      region: REGION,
      accountId: ACCOUNT_ID,
    });
    const services = createCloudServices(
      this.sim,
      app,
      this.names,
      options,
      faults,
      { region: REGION, accountId: ACCOUNT_ID },
      (arn, body, attributes) => this.sendToDestination(arn, body, attributes),
    );
    this.dynamodb = services.dynamodb;
    this.sqs = services.sqs;
    this.sns = services.sns;
    this.lambda = services.lambda;
    this.releases.push(...services.releases);
    this.correlationField = options.correlation?.field ?? "correlationId";
    for (const [logical, table] of Object.entries(app.tables)) this.createTable(logical, table);
    createQueues(this.sqs, app, this.names);
    createTopics(this.sns, app, this.names);
    this.ops = new SdkOperations(
      {
        name: (l, kind) => this.names.name(l, kind),
        queueUrl: (l) => this.names.queueUrl(l),
        arn: (l) => this.names.arn(l),
      },
      {},
    );
    this.eventSources = startEventSources(this, REGION, faults.streams);
  }

  physicalName(logical: string): string {
    return this.names.name(logical);
  }

  /** The physical name of one of the app's tables. */
  tableName(logical: string): string {
    return this.names.name(logical, "table");
  }

  /** Runs a scenario inside the simulation until it settles (see {@link Simulation.run}). */
  run<T>(scenario: () => Promise<T> | T, limits?: RunLimits): Promise<T> {
    return this.sim.run(scenario, limits);
  }

  /** Runs everything still scheduled (deliveries, retries) until only background work is left. */
  runUntilIdle(limits?: RunLimits): Promise<void> {
    return this.sim.runUntilIdle(limits);
  }

  sendMessage(queue: string, body: string, options?: SendMessageOptions): Promise<{ messageId: string }> {
    return this.inside(() => this.ops.sendMessage(queue, body, options));
  }

  publish(topic: string, message: string, options?: PublishOptions): Promise<{ messageId: string }> {
    return this.inside(() => this.ops.publish(topic, message, options));
  }

  putItem(table: string, item: DocumentItem): Promise<void> {
    return this.inside(() => this.ops.putItem(table, item));
  }

  getItem(table: string, key: DocumentItem): Promise<DocumentItem | undefined> {
    return this.inside(() => this.ops.getItem(table, key));
  }

  scan(table: string): Promise<DocumentItem[]> {
    return this.inside(() => this.ops.scan(table));
  }

  /** Invokes a function; a call whose outcome is unknown is listed by {@link indeterminate}. */
  invoke(fn: string, event: unknown, options?: InvokeOptions): Promise<InvokeResult> {
    if (options?.invocationType === "DryRun") return this.inside(() => this.ops.invoke(fn, event, options));
    return this.inside(() =>
      this.unknownOutcomes.track(fn, event, this.sim.nowMs(), () => this.ops.invoke(fn, event, options)),
    );
  }

  /**
   * The invokes made through this target whose outcome is unknown: in flight, or ended with the
   * runtime killed or timed out (see {@link IndeterminateOperation}).
   *
   * @example const unknown = cloud.indeterminate().filter((op) => op.errorType !== undefined);
   */
  indeterminate(): readonly IndeterminateOperation[] {
    return this.unknownOutcomes.list();
  }

  /** Inside the simulation: waits until only background work is left; outside: runs until then. */
  settle(): Promise<void> {
    return this.isInside() ? this.sim.idle() : this.sim.runUntilIdle();
  }

  nowMs(): number {
    return this.sim.nowMs();
  }

  /** Moves virtual time forward, running what falls due (a virtual sleep when called inside). */
  advance(ms: number, limits?: RunLimits): Promise<void> {
    if (this.isInside()) return new Promise((resolve) => setTimeout(resolve, ms));
    return this.sim.advance(ms, limits);
  }

  async logs(query: LogQuery = {}): Promise<LogEntry[]> {
    const functionName =
      query.functionName === undefined ? undefined : this.names.name(query.functionName, "function");
    const events = this.lambda.logs.search({
      ...(functionName === undefined ? {} : { functionName }),
      ...(query.requestId === undefined ? {} : { requestId: query.requestId }),
      ...(query.contains === undefined ? {} : { text: query.contains }),
    });
    return events.map((e) => ({
      functionName: e.functionName,
      requestId: e.requestId,
      timestampMs: e.timestampMs,
      message: e.message,
    }));
  }

  /** Every hop of the run so far, read from the trace (see {@link collectHops}). */
  async hops(): Promise<Hop[]> {
    // Read again only once the trace changed or time moved (stream records expire): an
    // invariant and the sometimes states ask for the hops of the same final state in turn.
    const at = `${this.sim.trace.version}@${this.sim.nowMs()}`;
    if (this.hopsRead?.at !== at)
      this.hopsRead = { at, hops: collectHops(this, this.correlationField).map(frozen) };
    return [...this.hopsRead.hops];
  }

  async stats(): Promise<TargetStats> {
    return runStats(this);
  }

  async tableChanges(table: string): Promise<TableChange[]> {
    if (this.app.tables[table]?.stream === undefined)
      throw new SquallError(
        `tableChanges("${table}"): the table has no stream; declare stream: "NEW_AND_OLD_IMAGES" in the app`,
      );
    return this.streamRecords(table).map(({ record }) => {
      const { Keys, NewImage, OldImage } = record.dynamodb;
      return {
        eventName: record.eventName,
        keys: nativeItem(Keys),
        ...(NewImage === undefined ? {} : { newImage: nativeItem(NewImage) }),
        ...(OldImage === undefined ? {} : { oldImage: nativeItem(OldImage) }),
      };
    });
  }

  /** Every item of one of the app's tables, without capacity or paging. */
  scanTable(logical: string): Item[] {
    return this.dynamodb.scan(this.tableName(logical));
  }

  /** Every record of one of the app's tables' stream, in order. */
  streamRecords(logical: string): StoredStreamRecord[] {
    return this.dynamodb.streamRecords(this.tableName(logical));
  }

  /** Stops the event sources and releases every process-wide patch this cloud holds. */
  async dispose(): Promise<void> {
    this.eventSources.stop();
    for (const release of this.releases.splice(0).reverse()) release();
    this.sim.dispose();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  private isInside(): boolean {
    return currentSimulation() === this.sim;
  }

  // Called from a test, an operation drives the simulation until it is answered; called from a
  // scenario already running inside, it is just awaited.
  private inside<T>(operation: () => Promise<T>): Promise<T> {
    return this.isInside() ? operation() : this.sim.run(operation);
  }

  /**
   * Sends what Squall's own services hand on (a failed invocation's record, a discarded stream
   * batch) to the queue or topic an ARN names, as AWS's destinations do.
   */
  sendToDestination(arn: string, body: string, attributes: Readonly<Record<string, string>> = {}): void {
    const messageAttributes = Object.keys(attributes).length === 0 ? undefined : stringAttributes(attributes);
    if (arn.startsWith("arn:aws:sqs:")) {
      this.sqs.sendFromService(arn, {
        body,
        ...(messageAttributes === undefined ? {} : { messageAttributes }),
      });
      return;
    }
    this.sns.handle("Publish", {
      TopicArn: arn,
      Message: body,
      ...(messageAttributes === undefined ? {} : { MessageAttributes: messageAttributes }),
    });
  }

  private createTable(logical: string, table: App["tables"][string]): void {
    const name = this.tableName(logical);
    this.dynamodb.service.handle("CreateTable", toCreateTableInput(name, table));
    if (table.ttlAttribute !== undefined) {
      const spec = { Enabled: true, AttributeName: table.ttlAttribute };
      this.dynamodb.service.handle("UpdateTimeToLive", { TableName: name, TimeToLiveSpecification: spec });
    }
  }
}

/**
 * Runs an app in the simulation: virtual time, seeded randomness, simulated services, and the
 * SDK clients of code running inside routed to them.
 *
 * @example
 * await using cloud = await simulate(app, { seed: 42 });
 * await cloud.sendMessage("Orders", JSON.stringify(order));
 * await cloud.settle();
 */
export async function simulate(app: App, options: SimulateOptions): Promise<SimulatedCloud> {
  return new SimulatedCloud(app, options);
}

// Hops are shared between reads of the same state, so none may change under another reader.
function frozen(hop: Hop): Hop {
  Object.freeze(hop.causes);
  Object.freeze(hop.correlationIds);
  return Object.freeze(hop);
}
