import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { KernelServices } from "../../core/services.ts";
import type { ResolvedFunction } from "./definition.ts";
import { FunctionFailure } from "./failure.ts";
import { handlerModuleFactory } from "./handler-module.ts";
import type { EnvironmentScope } from "./scope.ts";
import type { InvocationTracer } from "./tracer.ts";

/** A handler as Node's Lambda runtime calls it. */
export type LambdaHandler = (event: unknown, context: unknown, callback: unknown) => unknown;

/** What an environment needs from the function's runtime. */
export interface EnvironmentHost {
  readonly kernel: KernelServices;
  readonly tracer: InvocationTracer;
  readonly fn: ResolvedFunction;
  readonly baseDir: string;
  /** Writes one log line of this environment (already formatted). */
  writeLog(environment: ExecutionEnvironment, requestId: string | undefined, line: string): void;
}

// Process-wide, so that no two environments — in this simulation or any other in the process —
// ever share a module instance.
let moduleInstances = 0;

/**
 * How many handler modules this process imported through Node's loader, one per environment of a
 * handler file that `handlerModuleFactory` leaves to it. Node never frees those, so a long fault
 * search that imports any should hand over to a fresh worker now and then; compiled handler files
 * keep memory flat.
 *
 * @example if (loaderImportedModules() > 0) recycleWorker();
 */
export function loaderImportedModules(): number {
  return moduleInstances;
}

/**
 * One execution environment (sandbox) of a function: a fresh instance of the handler module,
 * its own `process.env`, its own log stream.
 *
 * Module state: each environment runs the handler file's top-level code — the init phase — in a
 * module instance of its own (compiled once per process, see `handlerModuleFactory`; or, for
 * files that need Node's loader, imported under their own URL `file.ts?squall-env=<n>`), so its
 * module-level variables (a counter, a cached SDK client, a warm connection) belong to that
 * environment, as in Lambda. The modules the handler file imports are cached by
 * Node under their plain URLs and are shared by every environment of every function in the
 * process: their top-level code runs once, and state they keep at module level (a memoised
 * client inside a helper module, say) is shared. Re-importing a whole dependency graph per
 * environment would need a module loader of our own, and shared, stateless libraries behave the
 * same either way; keep per-environment state in the handler file itself.
 *
 * Not supported: top-level `await` on simulated work (an SDK call, a timer) in the handler file.
 * The module loads with the run loop held still (`awaitReal`), so such an init waits forever.
 *
 * @example
 * const env = new ExecutionEnvironment(host, 1, "2025/01/01/[$LATEST]0f…", variables, 80, false);
 * const handler = await env.load(invocationSpanId);
 */
export class ExecutionEnvironment {
  state: "new" | "idle" | "busy" | "dead" = "new";
  lastUsedMs = 0;
  cancelReap: (() => void) | undefined;
  readonly scope: EnvironmentScope;
  private loading: Promise<LambdaHandler> | undefined;

  constructor(
    private readonly host: EnvironmentHost,
    readonly index: number,
    readonly logStreamName: string,
    variables: Readonly<Record<string, string>>,
    readonly maxMemoryUsedMb: number,
    readonly provisioned: boolean,
  ) {
    const self = this;
    this.scope = {
      variables: new Map(Object.entries(variables)),
      frozen: false,
      log(requestId, line) {
        if (!this.frozen) host.writeLog(self, requestId, line);
      },
    };
  }

  /** Runs the init phase once (the first caller's span is the init span's parent); later calls share it. */
  load(parentSpanId: string | undefined): Promise<LambdaHandler> {
    this.loading ??= this.init(parentSpanId);
    return this.loading;
  }

  private async init(parentSpanId: string | undefined): Promise<LambdaHandler> {
    const { kernel, tracer, fn, baseDir } = this.host;
    const spanId = tracer.open({
      kind: "internal",
      name: `${fn.name}.init`,
      parentId: parentSpanId,
      attributes: { function: fn.name, logStream: this.logStreamName },
      links: [],
    });
    tracer.scopes?.register(spanId, { environment: this.scope, requestId: undefined });
    const file = resolve(baseDir, fn.handlerFile);
    const label = `lambda.${fn.name}.init`;
    try {
      // The module's top-level code runs in the init span's async context, so it sees virtual
      // time, this environment's process.env, and logs to its stream. The factory is awaited
      // through awaitReal even when it is already compiled, so a run takes the same steps
      // whether or not an earlier run in the process compiled the file.
      const mod = await tracer.run(spanId, async () => {
        const factory = await kernel.awaitReal(label, handlerModuleFactory(file, kernel));
        if (factory !== undefined) return factory.instantiate();
        const url = `${pathToFileURL(file).href}?squall-env=${++moduleInstances}`;
        return (await kernel.awaitReal(label, import(url))) as Record<string, unknown>;
      });
      const handler = mod[fn.handlerExport];
      if (typeof handler !== "function") {
        throw new FunctionFailure(
          "Runtime.HandlerNotFound",
          `${fn.handlerFile}#${fn.handlerExport} is undefined or not exported`,
        );
      }
      tracer.close(spanId);
      return handler as LambdaHandler;
    } catch (error) {
      const failure = FunctionFailure.fromInit(error);
      tracer.close(spanId, `${failure.errorType}: ${failure.errorMessage}`);
      throw failure;
    }
  }
}
