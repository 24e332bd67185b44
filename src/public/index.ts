// The `squall` entry point: re-exports only. Nothing inside Squall imports this file.
export { AppDefinitionError } from "../app/app-definition-error.ts";
export { defineApp } from "../app/define-app.ts";
export type {
  App,
  AppDefinition,
  Billing,
  DeliveryBehaviour,
  EventSource,
  FailureDestination,
  FunctionDefinition,
  GlobalSecondaryIndex,
  KeyAttribute,
  QueueDefinition,
  QueueEventSource,
  ResourceRef,
  StreamEventSource,
  StreamViewType,
  SubscriptionFilter,
  TableDefinition,
  TopicDefinition,
  TopicSubscription,
} from "../app/model.ts";
export { functionName, queueArn, queueUrl, tableArn, tableName, topicArn } from "../app/refs.ts";
export { AwsServiceError } from "../cloud/aws-error.ts";
export type { Choice, ChoiceRecording, ReplayMode } from "../core/choices.ts";
export { ReplayDivergenceError } from "../core/choices.ts";
export { SquallError } from "../core/errors.ts";
export { SimulationEscapeError } from "../core/escape.ts";
export {
  type PctSelector,
  type PctSelectorOptions,
  pctSelector,
  taskFromLabel,
} from "../core/pct-selector.ts";
export { fifoSelector, type ReadyAction, randomSelector, type Selector } from "../core/selector.ts";
export { SelectorOptionsError } from "../core/selector-options-error.ts";
export { createSimulation, Simulation } from "../core/simulation.ts";
export {
  type RunLimits,
  type SimulationOptions,
  SimulationStalledError,
  UncaughtSimulationError,
} from "../core/simulation-options.ts";
export type { Span, SpanKind } from "../core/trace.ts";
export {
  type ChoreographyOptions,
  type ChoreographyReport,
  checkChoreography,
  expectChoreography,
} from "../harness/choreography.ts";
export type { ChoreographyFinding, ChoreographyFindingKind } from "../harness/choreography-check.ts";
export { ChoreographyError } from "../harness/choreography-error.ts";
export {
  type Cardinality,
  cardinalityText,
  type Flow,
  type FlowChain,
  type FlowEdge,
  type FlowNode,
  type FlowStep,
  parseFlow,
} from "../harness/choreography-flow.ts";
export { ChoreographyFlowError } from "../harness/choreography-flow-error.ts";
export { describeHop, type FormatPathOptions, formatPath } from "../harness/choreography-format.ts";
export type {
  IndeterminateOperation,
  Invariant,
  Scenario,
  ScenarioContext,
  Sometimes,
  SquallConfig,
  Violation,
} from "../harness/config.ts";
export { defineConfig } from "../harness/config.ts";
export { ConfigError } from "../harness/config-error.ts";
export {
  type CorrelatedSender,
  type CorrelateOptions,
  correlate,
  type WithCorrelationId,
} from "../harness/correlated-target.ts";
export {
  type CheckCorrelationOptions,
  type CorrelationFinding,
  type CorrelationFindingKind,
  checkCorrelation,
  expectCorrelation,
} from "../harness/correlation.ts";
export { CorrelationError } from "../harness/correlation-error.ts";
export { correlationPath, rootCorrelationIds } from "../harness/correlation-path.ts";
export * from "../harness/events/index.ts";
export {
  type EventuallyOptions,
  EventuallyTimeoutError,
  eventually,
  type ProbeAttempt,
} from "../harness/eventually.ts";
export { assertIdempotent } from "../harness/idempotency.ts";
export {
  IdempotencyAssertionError,
  type IdempotencyFailure,
  type IdempotencyViolation,
} from "../harness/idempotency-assertion-error.ts";
export type {
  AssertIdempotentOptions,
  IdempotencyAttempt,
  IdempotencyCacheCheck,
  IdempotencyMode,
  IdempotencyModeReport,
  IdempotencyReport,
} from "../harness/idempotency-types.ts";
export {
  type ColdStartInvokeOptions,
  type ColdStartInvokeResult,
  invokeWithColdStartCompensation,
} from "../harness/invoke.ts";
export { loadConfig } from "../harness/load-config.ts";
export { assertOrdering } from "../harness/ordering.ts";
export { OrderingAssertionError, type OrderingFailure } from "../harness/ordering-assertion-error.ts";
export { stampSequence } from "../harness/ordering-stamp.ts";
export type {
  AssertOrderingOptions,
  OrderingPolicy,
  OrderingReport,
  OrderingState,
  OrderingTrial,
  OrderingTrialReport,
} from "../harness/ordering-types.ts";
export {
  type BrokenAt,
  type RunPhase,
  type RunScenariosOptions,
  runScenarios,
  type ScenarioResult,
} from "../harness/run-scenarios.ts";
export { hourBucket, type TestIdentity, type TestKeyOptions, testKey } from "../harness/test-identity.ts";
export { attachSdkBridge } from "../sdk/bridge.ts";
export { acquireSdkBridge } from "../sdk/intercept.ts";
export type { SdkBridgeMode, SdkBridgeOptions, UnhandledRequestPolicy } from "../sdk/options.ts";
export { UnhandledSdkRequestError } from "../sdk/unhandled-request-error.ts";
export { SimulatedCloud, type SimulateOptions, simulate } from "../targets/sim/simulated-cloud.ts";
export { StepCheckRefusedError } from "../targets/sim/step-check-refused-error.ts";
export { StepCheckStalledError } from "../targets/sim/step-check-stalled-error.ts";
export type {
  CorrelationOptions,
  DocumentItem,
  Hop,
  HopKind,
  InvokeOptions,
  InvokeResult,
  LogEntry,
  LogQuery,
  PublishOptions,
  SendMessageOptions,
  TableChange,
  Target,
  TargetStats,
} from "../targets/target.ts";
