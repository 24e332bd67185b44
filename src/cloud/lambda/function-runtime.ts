import type { KernelServices } from "../../core/services.ts";
import { startLine } from "../logs/lambda-lines.ts";
import type { LogStore } from "../logs/log-store.ts";
import { type ColdStartModel, defaultColdStartModel, drawInitDurationMs } from "./cold-start.ts";
import type { ConcurrencyLimits } from "./concurrency.ts";
import type { MsRange, ResolvedFunction } from "./definition.ts";
import type { EnvironmentHost, LambdaHandler } from "./environment.ts";
import { FunctionFailure } from "./failure.ts";
import {
  drawStartFaults,
  faultsOfFunction,
  type LambdaFaultOptions,
  type LambdaFunctionFaultOptions,
  NO_START_FAULTS,
  throttleFault,
} from "./faults.ts";
import { FunctionLogs } from "./function-logs.ts";
import { type ClosedInvocation, InvocationCloser, type InvocationResult } from "./invocation-close.ts";
import { emptyMetrics, type FunctionMetrics } from "./metrics.ts";
import { EnvironmentPool } from "./pool.ts";
import { provisionEnvironments } from "./provisioned.ts";
import { callWithTimeout } from "./timed-call.ts";
import type { InvocationTracer } from "./tracer.ts";

/** What every function's runtime shares: the kernel, the trace, the logs, the account limits. */
export interface RuntimeHost {
  readonly kernel: KernelServices;
  readonly tracer: InvocationTracer;
  readonly logs: LogStore;
  readonly limits: ConcurrencyLimits;
  readonly baseDir: string;
  readonly region: string;
  readonly idleReapMs: MsRange;
}

/** One invocation to run. */
export interface RunRequest {
  readonly event: unknown;
  readonly trigger: string;
  readonly links: readonly string[];
  readonly requestId: string;
  /** The ARN the caller used (the context's `invokedFunctionArn`). */
  readonly invokedArn: string;
  /** 1 for a first attempt; asynchronous retries count up (a span attribute). */
  readonly attempt?: number;
  /** The Invoke API's decoded ClientContext (synchronous invokes only), as `context.clientContext`. */
  readonly clientContext?: unknown;
}

// Defined beside the closing of an invocation, which builds it; callers of the runtime import it here.
export type { InvocationResult } from "./invocation-close.ts";

/**
 * Runs the invocations of one function: admission against concurrency limits, an environment
 * (warm, or a cold start with a drawn init duration), the handler inside an `invocation` span,
 * the timeout on virtual time, and the START / END / REPORT lines.
 *
 * @example
 * const result = await runtime.run({ event, trigger: "invoke", links: [], requestId, invokedArn: fn.arn });
 */
export class FunctionRuntime {
  readonly metrics: FunctionMetrics = emptyMetrics();
  readonly pool: EnvironmentPool;
  private inFlight = 0;
  private readonly model: ColdStartModel;
  // Undefined unless a fault of this function is on: the hot path checks only that.
  private faults: LambdaFunctionFaultOptions | undefined;
  private readonly logs: FunctionLogs;
  private readonly closer: InvocationCloser;

  constructor(
    private readonly host: RuntimeHost,
    readonly fn: ResolvedFunction,
  ) {
    this.model = defaultColdStartModel(fn);
    const logs = new FunctionLogs(host.logs, host.kernel, fn.name);
    const envHost: EnvironmentHost = {
      kernel: host.kernel,
      tracer: host.tracer,
      fn,
      baseDir: host.baseDir,
      writeLog: (env, requestId, line) => logs.write(env, requestId, line),
    };
    this.logs = logs;
    this.pool = new EnvironmentPool(envHost, host.region, host.idleReapMs);
    this.closer = new InvocationCloser(host.kernel, host.tracer, fn, this.metrics, this.pool, logs);
  }

  /** Initialises the provisioned environments (call from inside the simulation). */
  provision(): void {
    provisionEnvironments(this.host.kernel, this.fn, this.pool);
  }

  /** Applies the service's Lambda fault knobs (this function's own over the common ones). */
  setFaults(faults: LambdaFaultOptions): void {
    this.faults = faultsOfFunction(faults, this.fn.name);
  }

  async run(request: RunRequest): Promise<InvocationResult> {
    const { faults, fn } = this;
    // The throttle fault takes the path of exhausted concurrency.
    const reason =
      (faults === undefined ? undefined : throttleFault(this.host.kernel, faults, fn)) ??
      this.host.limits.tryAcquire(fn, this.inFlight);
    if (reason !== undefined) {
      this.metrics.throttles++;
      return { outcome: { kind: "throttled", reason }, logLines: [] };
    }
    this.inFlight++;
    this.metrics.invocations++;
    const lines = this.logs.capture(request.requestId);
    try {
      const outcome = await this.execute(request);
      return { ...outcome, logLines: lines };
    } finally {
      this.inFlight--;
      this.host.limits.release(this.fn);
      this.logs.endCapture(request.requestId);
    }
  }

  private async execute(request: RunRequest): Promise<ClosedInvocation> {
    const { kernel, tracer } = this.host;
    const { fn, faults } = this;
    const warm = this.pool.takeIdle();
    const env = warm ?? this.pool.create(false);
    const spanId = tracer.open({
      kind: "invocation",
      name: fn.name,
      attributes: {
        function: fn.name,
        requestId: request.requestId,
        trigger: request.trigger,
        coldStart: !warm,
        attempt: request.attempt ?? 1,
      },
      links: request.links,
    });
    // Drawn in the invocation's span, so that a fault that fires is traced under it.
    const { fault, initDurationMs: faultInitMs } =
      faults === undefined
        ? NO_START_FAULTS
        : tracer.run(spanId, () => drawStartFaults(kernel, faults, fn.name, warm === undefined));
    let initDurationMs: number | undefined;
    let handler: LambdaHandler;
    try {
      if (warm === undefined) {
        this.metrics.coldStarts++;
        initDurationMs = faultInitMs ?? drawInitDurationMs(kernel, fn.name, this.model);
        tracer.setAttribute(spanId, "initDurationMs", initDurationMs);
      }
      // The module loads in real time, and concurrent loads finish in any order. Waiting for an
      // action scheduled before the load starts makes the invocation go on in the run loop's
      // order instead (the loop runs no action before every real load has settled).
      const gate = new Promise<void>((resolve) =>
        kernel.schedule(initDurationMs ?? 0, `lambda.${fn.name}.init`, resolve),
      );
      const loaded = env.load(spanId).then(
        (h) => ({ h }),
        (error: unknown) => ({ error }),
      );
      await gate;
      const load = await loaded;
      if ("error" in load) throw load.error;
      handler = load.h;
    } catch (error) {
      this.pool.discard(env);
      return this.closer.close(
        env,
        spanId,
        request.requestId,
        kernel.nowMs(),
        initDurationMs,
        FunctionFailure.fromInit(error),
      );
    }
    tracer.scopes?.register(spanId, { environment: env.scope, requestId: request.requestId });
    const startMs = kernel.nowMs();
    this.logs.write(env, request.requestId, startLine(request.requestId));
    const ended = await callWithTimeout(this.host, this.fn, {
      spanId,
      handler,
      event: request.event,
      requestId: request.requestId,
      invokedArn: request.invokedArn,
      clientContext: request.clientContext,
      logStreamName: env.logStreamName,
      startMs,
      hang: fault === "timeout",
    });
    // The crash fault: the handler finished (its effects landed), then the process was killed.
    const crashed = fault === "crash" && !(ended instanceof FunctionFailure && ended.timedOut);
    const outcome = crashed ? FunctionFailure.runtimeExit(request.requestId) : ended;
    return this.closer.close(env, spanId, request.requestId, startMs, initDurationMs, outcome);
  }
}
