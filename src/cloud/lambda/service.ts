import { currentSimulation } from "../../core/context.ts";
import { SquallError } from "../../core/errors.ts";
import type { KernelServices } from "../../core/services.ts";
import { AwsServiceError } from "../aws-error.ts";
import { captureConsole } from "../logs/console-capture.ts";
import { consoleLine } from "../logs/lambda-lines.ts";
import { LogStore } from "../logs/log-store.ts";
import type { ServiceAnswer, SimulatedService } from "../services.ts";
import { AsyncInvocationQueue } from "./async-invoke.ts";
import { ConcurrencyLimits } from "./concurrency.ts";
import type { LambdaFunctionDefinition, MsRange } from "./definition.ts";
import type { DestinationEndpoints } from "./destinations.ts";
import { type LambdaFaultOptions, validateLambdaFaults } from "./faults.ts";
import { parseFunctionReference } from "./function-name.ts";
import { FunctionRuntime } from "./function-runtime.ts";
import { handleInvoke } from "./invoke-api.ts";
import type { FunctionInvoker, InvokeOutcome, InvokeRequest } from "./invoker.ts";
import { emptyMetrics, type FunctionMetrics } from "./metrics.ts";
import { acquireEnvironmentVariables } from "./process-env.ts";
import { resolveFunctions } from "./resolve-functions.ts";
import { currentScope } from "./scope.ts";
import { type InvocationTracer, tracerFor } from "./tracer.ts";

/** Options of {@link LambdaService}. */
export interface LambdaServiceOptions {
  readonly kernel: KernelServices;
  readonly functions: readonly LambdaFunctionDefinition[];
  /** The directory handler paths are relative to. */
  readonly baseDir: string;
  /** The account's concurrent executions. Default 1000 (Lambda's default quota). */
  readonly accountConcurrencyLimit?: number;
  /**
   * How long an environment stays warm when idle, drawn per idle period. Default 5–7 minutes:
   * published measurements of idle Node.js sandboxes on AWS found most recycled after 5–7
   * minutes, though AWS documents no figure and it varies.
   */
  readonly idleReapMs?: MsRange;
  /** Where asynchronous failures go (SQS queues, SNS topics). Required if a function names one. */
  readonly destinations?: DestinationEndpoints;
  /** Default `us-east-1`. */
  readonly region?: string;
  /** Default `123456789012`. */
  readonly accountId?: string;
  /** Where the functions' logs go. Default: a new store. */
  readonly logs?: LogStore;
  /** Default: the kernel's own trace when the kernel is a Simulation. */
  readonly tracer?: InvocationTracer;
  /** Faults drawn at invocation points (see {@link LambdaService.setFaults}). Default: none. */
  readonly faults?: LambdaFaultOptions;
}

/**
 * The simulated Lambda service: the functions' runtimes, the Invoke API for the SDK bridge, and
 * the {@link FunctionInvoker} that event sources and SNS use. While it lives, `console.*` and
 * `process.env` inside handlers are routed to the running environment (undone by `dispose`).
 *
 * @example
 * const lambda = new LambdaService({ kernel: sim, functions: [{ name: "f", handler: "f.ts#handler" }], baseDir });
 * registry.register(lambda);
 * const outcome = await sim.run(() => lambda.invoke({ functionName: "f", event: {}, trigger: "test" }));
 * lambda.dispose();
 */
export class LambdaService implements SimulatedService, FunctionInvoker, Disposable {
  readonly serviceId = "Lambda";
  readonly logs: LogStore;
  private readonly kernel: KernelServices;
  private readonly region: string;
  private readonly accountId: string;
  private readonly runtimes = new Map<string, FunctionRuntime>();
  private readonly queue: AsyncInvocationQueue;
  private readonly releases: (() => void)[];

  constructor(options: LambdaServiceOptions) {
    this.kernel = options.kernel;
    this.region = options.region ?? "us-east-1";
    this.accountId = options.accountId ?? "123456789012";
    this.logs = options.logs ?? new LogStore();
    const where = { region: this.region, accountId: this.accountId };
    const functions = resolveFunctions(options.functions, where, options.destinations !== undefined);
    const host = {
      kernel: this.kernel,
      tracer: options.tracer ?? tracerFor(this.kernel),
      logs: this.logs,
      limits: new ConcurrencyLimits(options.accountConcurrencyLimit ?? 1000, functions),
      baseDir: options.baseDir,
      region: this.region,
      idleReapMs: options.idleReapMs ?? { minMs: 300_000, maxMs: 420_000 },
    };
    for (const fn of functions) this.runtimes.set(fn.name, new FunctionRuntime(host, fn));
    if (options.faults !== undefined) this.setFaults(options.faults);
    this.queue = new AsyncInvocationQueue(this.kernel, options.destinations, (arn, record, links) =>
      this.invokeAsync({ functionName: arn, event: record, trigger: "destination", links }),
    );
    if (functions.some((fn) => fn.provisionedConcurrency > 0)) {
      // Inside the simulation, so that the init code runs on virtual time.
      this.kernel.schedule(0, "lambda.provision", () => {
        for (const runtime of this.runtimes.values()) runtime.provision();
      });
    }
    this.releases = [acquireEnvironmentVariables(), captureConsole(routeConsole)];
  }

  handle(operation: string, input: Record<string, unknown>): ServiceAnswer {
    if (operation === "Invoke") {
      return handleInvoke(
        {
          target: (name, qualifier) => this.target(name, qualifier),
          currentSpanId: () => this.kernel.currentSpanId(),
          newRequestId: () => this.kernel.uuid("lambda.requestId"),
          enqueueAsync: (runtime, event, links, invokedArn) =>
            this.queue.enqueue(runtime, { event, trigger: "invoke", links }, invokedArn),
        },
        input,
      );
    }
    throw new SquallError(
      `Lambda.${operation} is not simulated: Squall's Lambda answers Invoke only (functions are defined in the app)`,
    );
  }

  async invoke(request: InvokeRequest): Promise<InvokeOutcome> {
    const runtime = this.known(request.functionName);
    const result = await runtime.run({
      event: request.event,
      trigger: request.trigger,
      links: request.links ?? [],
      requestId: this.kernel.uuid("lambda.requestId"),
      invokedArn: request.functionName.startsWith("arn:") ? request.functionName : runtime.fn.arn,
      ...(request.attempt === undefined ? {} : { attempt: request.attempt }),
    });
    return result.outcome;
  }

  invokeAsync(request: InvokeRequest): void {
    const runtime = this.known(request.functionName);
    const invokedArn = request.functionName.startsWith("arn:") ? request.functionName : runtime.fn.arn;
    this.queue.enqueue(runtime, { ...request, links: request.links ?? [] }, invokedArn);
  }

  /**
   * Replaces the fault knobs every invocation consults (`{}`: none). Per-function knobs are keyed
   * by function name; a name the service does not run is a SquallError. SquallError naming a bad knob.
   *
   * @example lambda.setFaults({ crashAfterSideEffectProbability: 0.05, functions: { reserveStock: { throttleProbability: 0.5 } } });
   */
  setFaults(faults: LambdaFaultOptions): void {
    const checked = validateLambdaFaults(faults);
    for (const name of Object.keys(checked.functions ?? {}))
      if (!this.runtimes.has(name))
        throw new SquallError(
          `Lambda faults: functions.${name} names no function (functions: ${[...this.runtimes.keys()].join(", ")})`,
        );
    for (const runtime of this.runtimes.values()) runtime.setFaults(checked);
  }

  functionArn(functionName: string): string | undefined {
    const ref = parseFunctionReference(functionName);
    return ref === undefined ? undefined : this.runtimes.get(ref.name)?.fn.arn;
  }

  /** Counters of one function, or summed over all of them. */
  metrics(functionName?: string): FunctionMetrics {
    const selected = [...this.runtimes.values()].filter(
      (r) => functionName === undefined || r.fn.name === functionName,
    );
    const total = emptyMetrics();
    for (const runtime of selected) {
      for (const key of Object.keys(total) as (keyof FunctionMetrics)[]) total[key] += runtime.metrics[key];
    }
    return total;
  }

  /** Environments of a function alive now, and how many of them are idle. */
  environments(functionName: string): { alive: number; idle: number } {
    const pool = this.known(functionName).pool;
    return { alive: pool.alive, idle: pool.idleCount() };
  }

  /** Restores `console` and `process.env` (reference-counted with other owners). */
  dispose(): void {
    for (const release of this.releases.splice(0)) release();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  private known(functionName: string): FunctionRuntime {
    const ref = parseFunctionReference(functionName);
    const runtime = ref === undefined ? undefined : this.runtimes.get(ref.name);
    if (runtime === undefined) {
      throw new SquallError(
        `invoke: no Lambda function "${functionName}" in the app (functions: ${[...this.runtimes.keys()].join(", ")})`,
      );
    }
    return runtime;
  }

  /** The runtime an Invoke call names, or Lambda's ResourceNotFoundException. */
  private target(functionName: string, qualifier: string | undefined): FunctionRuntime {
    const ref = parseFunctionReference(functionName);
    const runtime = ref === undefined ? undefined : this.runtimes.get(ref.name);
    const q = qualifier ?? ref?.qualifier;
    const here =
      (ref?.region === undefined || ref.region === this.region) &&
      (ref?.accountId === undefined || ref.accountId === this.accountId);
    if (runtime === undefined || !here || (q !== undefined && q !== "$LATEST")) {
      const name = ref?.name ?? functionName;
      const arn = `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}${q === undefined ? "" : `:${q}`}`;
      throw new AwsServiceError("ResourceNotFoundException", `Function not found: ${arn}`, {
        fields: { Type: "User" },
        statusCode: 404,
      });
    }
    return runtime;
  }
}

/** Sends a console call made inside an environment to its log stream; others print as usual. */
function routeConsole(level: string, args: readonly unknown[]): boolean {
  const sim = currentSimulation();
  const scope = sim === undefined ? undefined : currentScope();
  if (sim === undefined || scope === undefined) return false;
  scope.environment.log(scope.requestId, consoleLine(sim.nowMs(), scope.requestId, level, args));
  return true;
}
