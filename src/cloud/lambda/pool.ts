import type { MsRange } from "./definition.ts";
import { type EnvironmentHost, ExecutionEnvironment } from "./environment.ts";
import { scheduleOnce } from "./schedule-once.ts";
import { lambdaVariables } from "./variables.ts";

/**
 * The execution environments of one function. Warm environments are reused most recently used
 * first (Lambda tends to route to the warmest sandbox, so the others go cold and get reaped);
 * an environment idle for a drawn `idleReapMs` is reaped by a background action, so cold starts
 * come back after quiet periods. Provisioned environments are never reaped.
 *
 * @example
 * const env = pool.takeIdle() ?? pool.create(false);
 * // … invoke …
 * pool.release(env);
 */
export class EnvironmentPool {
  private readonly idle: ExecutionEnvironment[] = [];
  private created = 0;
  /** Environments alive now (idle or busy). */
  alive = 0;

  constructor(
    private readonly host: EnvironmentHost,
    private readonly region: string,
    private readonly idleReapMs: MsRange,
  ) {}

  /** The most recently used idle environment, if any. */
  takeIdle(): ExecutionEnvironment | undefined {
    const env = this.idle.pop();
    if (env === undefined) return undefined;
    env.cancelReap?.();
    env.cancelReap = undefined;
    env.state = "busy";
    return env;
  }

  /** A new environment (a cold start unless provisioned), already busy. */
  create(provisioned: boolean): ExecutionEnvironment {
    const { kernel, fn } = this.host;
    const index = ++this.created;
    const hex = kernel.uuid(`lambda.${fn.name}.logStream`).replaceAll("-", "");
    const day = new Date(kernel.nowMs()).toISOString().slice(0, 10).replaceAll("-", "/");
    const logStreamName = `${day}/[$LATEST]${hex}`;
    const variables = lambdaVariables(fn, { region: this.region, logStreamName, provisioned });
    // Max Memory Used is modelled, not measured: a Node.js runtime with a small handler uses
    // 60–90 MB, plus about half the package size, never above the memory size.
    const usedMb =
      60 + kernel.nextInt(`lambda.${fn.name}.memoryUsedMb`, 31) + Math.round(fn.packageSizeMb / 2);
    const env = new ExecutionEnvironment(
      this.host,
      index,
      logStreamName,
      variables,
      Math.min(usedMb, fn.memorySizeMb),
      provisioned,
    );
    env.state = "busy";
    this.alive++;
    return env;
  }

  /** Puts a busy environment back, warm; schedules its reaping unless it is provisioned. */
  release(env: ExecutionEnvironment): void {
    if (env.state === "dead") return;
    const { kernel, fn } = this.host;
    env.state = "idle";
    env.lastUsedMs = kernel.nowMs();
    this.idle.push(env);
    if (env.provisioned) return;
    const { minMs: min, maxMs: max } = this.idleReapMs;
    const afterMs = min + (max === min ? 0 : kernel.nextInt(`lambda.${fn.name}.idleReapMs`, max - min + 1));
    env.cancelReap = scheduleOnce(kernel, afterMs, `lambda.${fn.name}.reap`, () => this.discard(env), {
      background: true,
    });
  }

  /**
   * Ends an environment: after a timeout, a failed init, or when reaped. Its scope stays
   * registered, frozen, so code it left running (a timer, an SDK call's continuation) finds it
   * frozen and has no effect.
   */
  discard(env: ExecutionEnvironment): void {
    if (env.state === "dead") return;
    env.state = "dead";
    env.scope.frozen = true;
    env.cancelReap?.();
    env.cancelReap = undefined;
    const at = this.idle.indexOf(env);
    if (at >= 0) this.idle.splice(at, 1);
    this.alive--;
  }

  /** How many environments are idle now. */
  idleCount(): number {
    return this.idle.length;
  }
}
