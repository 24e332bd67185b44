import { SimulationStalledError } from "../../core/simulation-options.ts";
import type { LivenessOptions } from "../scenario.ts";
import { switchFaultsOff } from "./apply-faults.ts";
import type { InvariantViolation } from "./run-scenario.ts";
import type { SimulatedCloud } from "./simulated-cloud.ts";

const DRAINS = "liveness: drains after faults stop";
const QUEUES = "liveness: no message left in a queue";
const DEAD_LETTERS = "liveness: every dead-lettered message accounted for";

/**
 * The liveness phase of a run: faults stop, and the system must drain within a bound of virtual
 * time — no action still pending (a shard blocked by a poison record retries forever), no message
 * left in a queue, and no message dead-lettered unless the app allows it. Returns the findings as
 * violations of named liveness properties.
 *
 * @example const findings = await checkLiveness(cloud, { drainBoundMs: 3_600_000 });
 */
export async function checkLiveness(
  cloud: SimulatedCloud,
  options: LivenessOptions = {},
): Promise<InvariantViolation[]> {
  const boundMs = options.drainBoundMs ?? 3_600_000;
  switchFaultsOff(cloud);
  const found: InvariantViolation[] = [];
  try {
    await cloud.sim.runUntilIdle({ maxVirtualMs: boundMs });
  } catch (error) {
    if (!(error instanceof SimulationStalledError)) throw error;
    found.push({
      invariant: DRAINS,
      message: `still busy ${boundMs} ms after faults stopped: ${error.message}`,
    });
  }
  const deadLetterQueues = new Set(
    Object.values(cloud.app.queues).flatMap((q) => (q.deadLetter === undefined ? [] : [q.deadLetter.queue])),
  );
  for (const logical of Object.keys(cloud.app.queues)) {
    const messages = cloud.sqs.peekMessages(cloud.names.name(logical, "queue")) ?? [];
    if (messages.length === 0) continue;
    const dead = deadLetterQueues.has(logical);
    if (dead && options.allowDeadLetters === true) continue;
    found.push({
      invariant: dead ? DEAD_LETTERS : QUEUES,
      message: dead
        ? `${logical} holds ${messages.length} dead-lettered message(s)`
        : `${logical} still holds ${messages.length} message(s) (${summarise(messages.map((m) => m.state))})`,
      items: messages
        .slice(0, 5)
        .map((m) => ({ messageId: m.messageId, body: m.body, receiveCount: m.receiveCount })),
    });
  }
  return found;
}

function summarise(states: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const state of states) counts.set(state, (counts.get(state) ?? 0) + 1);
  return [...counts].map(([state, n]) => `${n} ${state}`).join(", ");
}
