import type { App } from "../../app/model.ts";
import { toCreateTableInput } from "../../app/to-create-table.ts";
import { attachServices, ServiceRegistry, type ServiceRegistryOptions } from "../../cloud/services.ts";
import { SimulatedDynamoDb, type SimulatedDynamoDbOptions } from "../../cloud/table/simulated-dynamodb.ts";
import type { StoredStreamRecord } from "../../cloud/table/streams/types.ts";
import type { Item } from "../../cloud/table/values.ts";
import { SquallError } from "../../core/errors.ts";
import { type RunLimits, Simulation, type SimulationOptions } from "../../core/simulation.ts";
import { attachSdkBridge } from "../../sdk/bridge.ts";
import type { SdkBridgeMode, UnhandledRequestPolicy } from "../../sdk/options.ts";

/** Options of {@link simulate}. */
export interface SimulateOptions extends SimulationOptions {
  /** How handler SDK calls reach the simulated services. Default `fast`. */
  sdkMode?: SdkBridgeMode;
  /** Calls to services Squall does not simulate: `error` (default) or `bypass`. */
  onUnhandledRequest?: UnhandledRequestPolicy;
  /** Physical names are `<prefix>-<logical>`; without a prefix they equal the logical names. */
  namePrefix?: string;
  /** Settings of the simulated DynamoDB. */
  dynamodb?: SimulatedDynamoDbOptions;
  /** Simulated network latency per service. */
  network?: ServiceRegistryOptions;
}

/**
 * An app running in the simulation: its resources created in simulated services, and the
 * unmodified SDK clients of code running inside routed to them.
 */
export class SimulatedCloud {
  readonly sim: Simulation;
  readonly app: App;
  readonly dynamodb: SimulatedDynamoDb;
  private readonly prefix: string | undefined;
  private readonly release: () => void;

  constructor(app: App, options: SimulateOptions) {
    this.app = app;
    this.prefix = options.namePrefix;
    this.sim = new Simulation(options);
    this.dynamodb = new SimulatedDynamoDb(this.sim, options.dynamodb);
    const registry = attachServices(this.sim, new ServiceRegistry(options.network));
    registry.register(this.dynamodb.service);
    registry.register(this.dynamodb.streamsService);
    this.release = attachSdkBridge(this.sim, {
      mode: options.sdkMode ?? "fast",
      onUnhandledRequest: options.onUnhandledRequest ?? "error",
      region: this.dynamodb.region,
    });
    for (const [logical, table] of Object.entries(app.tables)) this.createTable(logical, table);
  }

  /** The physical name of a resource of the app. */
  tableName(logical: string): string {
    if (!Object.hasOwn(this.app.tables, logical)) {
      const known = Object.keys(this.app.tables).join(", ") || "none";
      throw new SquallError(`app "${this.app.name}" has no table "${logical}" (its tables: ${known})`);
    }
    return this.prefix === undefined ? logical : `${this.prefix}-${logical}`;
  }

  /** Runs a scenario inside the simulation until it settles (see {@link Simulation.run}). */
  run<T>(scenario: () => Promise<T> | T, limits?: RunLimits): Promise<T> {
    return this.sim.run(scenario, limits);
  }

  /** Runs everything still scheduled (deliveries, retries) until only background work is left. */
  runUntilIdle(limits?: RunLimits): Promise<void> {
    return this.sim.runUntilIdle(limits);
  }

  /** Moves virtual time forward, running what falls due. */
  advance(ms: number, limits?: RunLimits): Promise<void> {
    return this.sim.advance(ms, limits);
  }

  /** Every item of one of the app's tables, without capacity or paging. */
  scanTable(logical: string): Item[] {
    return this.dynamodb.scan(this.tableName(logical));
  }

  /** Every record of one of the app's tables' stream, in order. */
  streamRecords(logical: string): StoredStreamRecord[] {
    return this.dynamodb.streamRecords(this.tableName(logical));
  }

  /** Releases the process-wide patches this cloud holds. */
  dispose(): void {
    this.release();
    this.sim.dispose();
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
 * const cloud = await simulate(app, { seed: 42 });
 * try { await cloud.run(() => handler(event)) } finally { cloud.dispose() }
 */
export async function simulate(app: App, options: SimulateOptions): Promise<SimulatedCloud> {
  return new SimulatedCloud(app, options);
}
