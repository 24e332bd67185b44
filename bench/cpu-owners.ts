import { Session } from "node:inspector/promises";

/** Shares of the sampled CPU time (idle left out), by whose code was running. */
export interface CpuOwners {
  /** Squall's own code (`src/`). */
  readonly squall: number;
  /** The app's libraries: the AWS SDK, Powertools, util-dynamodb… (`node_modules`, tooling aside). */
  readonly libraries: number;
  /** The app's own handler and invariant code (`examples/`). */
  readonly handlers: number;
  /** V8's garbage collector, whoever allocated. */
  readonly gc: number;
  /** Node's internals, V8 builtins and native code: working for any of the above. */
  readonly runtime: number;
}

type Owner = keyof CpuOwners;

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}

// Test and bench tooling that may sit in node_modules but is not the app's.
const TOOLING = /[\\/]node_modules[\\/](tsx|esbuild|vitest|fast-check)[\\/]/;

function ownerOf(node: ProfileNode): Owner | "idle" {
  const { functionName, url } = node.callFrame;
  if (functionName === "(idle)") return "idle";
  if (functionName === "(garbage collector)") return "gc";
  if (url.includes("/node_modules/")) return TOOLING.test(url) ? "runtime" : "libraries";
  if (url.includes("/examples/")) return "handlers";
  if (url.includes("/src/")) return "squall";
  return "runtime";
}

/**
 * The owner of each profile node. Samples under the inspector's own calls (starting and stopping
 * the profiler, which on a large heap takes a while on the main thread) count as idle: they are
 * the measurement's, not the run's.
 */
function ownersByNode(nodes: readonly ProfileNode[]): Map<number, Owner | "idle"> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const owner = new Map<number, Owner | "idle">();
  const visit = (node: ProfileNode, underInspector: boolean) => {
    const inspector = underInspector || node.callFrame.url.startsWith("node:inspector");
    owner.set(node.id, inspector ? "idle" : ownerOf(node));
    for (const child of node.children ?? []) {
      const next = byId.get(child);
      if (next !== undefined) visit(next, inspector);
    }
  };
  // The first node is the root; the tree is a few thousand nodes deep at most.
  if (nodes[0] !== undefined) visit(nodes[0], false);
  return owner;
}

/**
 * Runs `work` under V8's sampling profiler and tells whose code the samples fell in: what bounds
 * a speed goal that the app's own code and libraries already spend most of. Self time only: a
 * library function called by Squall counts as the library's.
 *
 * @example const { value, owners } = await cpuOwners(() => explore(config, { runs: 50 }));
 */
export async function cpuOwners<T>(work: () => Promise<T>): Promise<{ value: T; owners: CpuOwners }> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 500 });
    await session.post("Profiler.start");
    const value = await work();
    const { profile } = await session.post("Profiler.stop");
    const owners = { squall: 0, libraries: 0, handlers: 0, gc: 0, runtime: 0 };
    const byId = ownersByNode(profile.nodes as ProfileNode[]);
    const deltas = profile.timeDeltas ?? [];
    let total = 0;
    (profile.samples ?? []).forEach((id, i) => {
      const owner = byId.get(id);
      const us = deltas[i] ?? 0;
      if (owner === undefined || owner === "idle") return;
      owners[owner] += us;
      total += us;
    });
    for (const key of Object.keys(owners) as Owner[]) owners[key] = total === 0 ? 0 : owners[key] / total;
    return { value, owners };
  } finally {
    session.disconnect();
  }
}

/** The split as one line of text: `Squall 50%, the app's libraries (SDK, Powertools…) 12%, …`. */
export function describeOwners(owners: CpuOwners): string {
  const percent = (share: number) => `${(100 * share).toFixed(0)}%`;
  return (
    `Squall ${percent(owners.squall)}, the app's libraries (SDK, Powertools…) ${percent(owners.libraries)}, ` +
    `its handler and invariant code ${percent(owners.handlers)}, GC ${percent(owners.gc)}, Node/V8 ${percent(owners.runtime)}`
  );
}
