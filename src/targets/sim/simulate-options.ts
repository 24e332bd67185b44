import type { DeliveryBehaviour } from "../../app/model.ts";
import type { MsRange } from "../../cloud/lambda/definition.ts";
import type { ServiceRegistryOptions } from "../../cloud/services.ts";
import type { SimulatedDynamoDbOptions } from "../../cloud/table/simulated-dynamodb.ts";
import type { SimulationOptions } from "../../core/simulation-options.ts";
import type { FaultPlan } from "../../faults/plan.ts";
import type { SdkBridgeMode, UnhandledRequestPolicy } from "../../sdk/options.ts";
import type { CorrelationOptions } from "../target.ts";

/** Options of `simulate`: the simulation's own, and how the simulated cloud around the app behaves. */
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
  /** Standard queues' at-least-once delivery for this run; overrides the app's `delivery`. */
  delivery?: DeliveryBehaviour;
  /**
   * Faults drawn from the choice stream at named points of the services (see FaultPlan); they
   * override `delivery`. A knob the simulation does not apply yet is refused by name.
   */
  faults?: FaultPlan;
  /** Lambda settings: the account's concurrency limit (default 1000), how long idle environments live. */
  lambda?: { accountConcurrencyLimit?: number; idleReapMs?: MsRange };
  /** Where {@link SimulatedCloud.hops} finds correlation ids. Default: `correlationId` for both. */
  correlation?: CorrelationOptions;
}
