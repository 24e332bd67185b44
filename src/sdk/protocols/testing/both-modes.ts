import { expect } from "vitest";
import { attachServices, ServiceRegistry, type SimulatedService } from "../../../cloud/services.ts";
import { createSimulation, type Simulation } from "../../../core/simulation.ts";
import { attachSdkBridge } from "../../bridge.ts";
import type { SdkBridgeMode } from "../../options.ts";

/** What a call came to: its output, or its exception's class, message and own members. */
export type Outcome =
  | { ok: Record<string, unknown> }
  | { error: string; message: string; members: Record<string, unknown>; exception: unknown };

/**
 * Sends one command and records its outcome.
 *
 * @example
 * const o = await outcome(() => sqs.send(command));
 */
export async function outcome(send: () => Promise<object>): Promise<Outcome> {
  try {
    return { ok: (await send()) as Record<string, unknown> };
  } catch (exception) {
    const e = exception as Error & Record<string, unknown>;
    return { error: e.constructor.name, message: e.message, members: { ...e }, exception };
  }
}

/**
 * Runs `scenario` in a fresh simulation with `services` (or those it builds on the simulation's
 * kernel) registered, in one bridge mode.
 *
 * @example
 * const { result } = await inMode("wire", [new FakeTopic(arn)], () => outcome(...));
 */
export async function inMode<T>(
  mode: SdkBridgeMode,
  services: readonly SimulatedService[] | ((sim: Simulation) => readonly SimulatedService[]),
  scenario: () => Promise<T>,
  seed = 7,
): Promise<{ result: T; endMs: number }> {
  const sim = createSimulation({ seed });
  const registry = attachServices(sim, new ServiceRegistry());
  for (const service of typeof services === "function" ? services(sim) : services) registry.register(service);
  const detach = attachSdkBridge(sim, { mode });
  try {
    const result = await sim.run(scenario);
    return { result, endMs: sim.nowMs() };
  } finally {
    detach();
    sim.dispose();
  }
}

/**
 * Sends each command in turn and records every outcome.
 *
 * @example const outcomes = await sendEach(sqs, [send, receive]);
 */
export async function sendEach(
  client: { send(command: never): Promise<object> },
  commands: readonly object[],
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const command of commands) outcomes.push(await outcome(() => client.send(command as never)));
  return outcomes;
}

/** What one mode's run of a scenario gave: outcomes, the virtual end time, what the service saw. */
export interface ModeRun {
  readonly result: readonly Outcome[];
  readonly endMs: number;
  readonly received: readonly unknown[];
}

/**
 * Expects the two modes to agree: the service saw the same requests, the runs ended at the same
 * virtual time, and every outcome is equal (exceptions compared by class, message and members).
 *
 * @example expectModesAgree(await scenario("fast"), await scenario("wire"));
 */
export function expectModesAgree(fast: ModeRun, wire: ModeRun): void {
  expect(wire.received).toEqual(fast.received);
  expect(fast.endMs).toBe(wire.endMs);
  const strip = (o: Outcome) => ("ok" in o ? o : { ...o, exception: undefined });
  expect(fast.result.map(strip)).toEqual(wire.result.map(strip));
}
