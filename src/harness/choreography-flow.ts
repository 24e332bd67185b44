import { ChoreographyFlowError } from "./choreography-flow-error.ts";

/** How many times a hop must happen for one correlation id: `once` is the default. */
export type Cardinality = "once" | "at-least-once" | "never" | number;

/**
 * One step of a flow: a node (a queue, topic, table or function by logical name, or `test`),
 * how many times the hop *into* it must happen, and for a table whether the next hop reads its
 * stream (`stream: true`, written `Inventory stream`).
 */
export interface FlowStep {
  readonly node: string;
  readonly times?: Cardinality;
  readonly stream?: boolean;
}

/**
 * A chain of steps: `"Orders → reserveStock → Inventory stream (at least once)"` (`->` works
 * too; several chains separated by `;` or new lines declare branches), or an array of steps.
 */
export type FlowChain = string | readonly (string | FlowStep)[];

/** A node of a parsed flow. */
export interface FlowNode {
  readonly name: string;
  readonly stream: boolean;
  readonly label: string;
}

/** A hop a flow declares. `from` is undefined for a chain's entry: a hop into it from outside the flow. */
export interface FlowEdge {
  readonly from: FlowNode | undefined;
  readonly to: FlowNode;
  readonly times: Cardinality;
  readonly label: string;
}

/** A parsed flow: its declared hops and nodes. */
export interface Flow {
  /** The flow written back canonically, chains separated by `; `. */
  readonly text: string;
  readonly edges: readonly FlowEdge[];
  readonly nodes: ReadonlySet<string>;
}

const STEP = /^([^\s()]+)(\s+stream)?\s*(?:\(([^)]*)\))?$/;

/**
 * Reads a flow from chains of steps. A chain's first step is its entry (hops into it from
 * outside the flow, such as the test's send), unless it is `test` itself or a node an earlier
 * chain declared, which makes the chain a branch from there. Each later step declares the hop
 * from the step before it, with a cardinality — `(once)` by default, `(at least once)`,
 * `(never)` or a count like `(2)`.
 *
 * @example
 * const flow = parseFlow(
 *   "Orders → reserveStock → Inventory stream → publishStockChange → StockEvents → notifyShipping",
 *   "StockEvents → Replenishment (never)",
 * );
 */
export function parseFlow(...chains: FlowChain[]): Flow {
  const steps = chains.flatMap((chain) => splitChains(chain));
  if (steps.length === 0)
    throw new ChoreographyFlowError(`parseFlow: the flow is empty; write it as "A → B → C"`);
  const nodes = new Set<string>();
  const edges = new Map<string, FlowEdge>();
  for (const chain of steps) {
    chain.forEach((step, i) => {
      const previous = chain[i - 1];
      if (previous === undefined && (step.node === "test" || nodes.has(step.node))) {
        if (step.times !== undefined)
          throw new ChoreographyFlowError(
            `parseFlow: "${step.node}" starts a chain but has a cardinality; give it where the hop into ${step.node} is declared`,
          );
      } else addEdge(edges, previous === undefined ? undefined : node(previous), step);
      nodes.add(step.node);
    });
  }
  return { text: steps.map(chainText).join("; "), edges: [...edges.values()], nodes };
}

/**
 * A flow given as text, steps or already parsed, parsed.
 *
 * @example
 * toFlow("Orders → reserveStock").edges.length; // 2
 */
export function toFlow(flow: Flow | FlowChain): Flow {
  return typeof flow === "object" && "edges" in flow ? flow : parseFlow(flow);
}

/**
 * A cardinality in words: `exactly once`, `at least once`, `never`, `exactly 3 times`.
 *
 * @example
 * cardinalityText("at-least-once"); // "at least once"
 */
export function cardinalityText(times: Cardinality): string {
  if (times === "once" || times === 1) return "exactly once";
  if (times === "at-least-once") return "at least once";
  if (times === "never" || times === 0) return "never";
  return `exactly ${times} times`;
}

function addEdge(edges: Map<string, FlowEdge>, from: FlowNode | undefined, step: FlowStep): void {
  const to = node(step);
  const times = step.times ?? "once";
  const key = JSON.stringify([from?.name ?? null, to.name]);
  const known = edges.get(key);
  const label = `${from?.label ?? "…"} → ${to.label}`;
  if (known !== undefined && cardinalityText(known.times) !== cardinalityText(times))
    throw new ChoreographyFlowError(
      `parseFlow: the hop ${label} is declared ${cardinalityText(known.times)} and ${cardinalityText(times)}; declare it once`,
    );
  const streamier = (a: FlowNode, b: FlowNode) => (b.stream ? b : a);
  edges.set(
    key,
    known === undefined
      ? { from, to, times, label }
      : {
          ...known,
          from: known.from === undefined || from === undefined ? known.from : streamier(known.from, from),
          to: streamier(known.to, to),
        },
  );
}

function node(step: FlowStep): FlowNode {
  const stream = step.stream === true;
  return { name: step.node, stream, label: stream ? `${step.node} stream` : step.node };
}

function chainText(chain: readonly FlowStep[]): string {
  return chain
    .map((step) => {
      const label = node(step).label;
      return step.times === undefined || step.times === "once"
        ? label
        : `${label} (${cardinalityText(step.times)})`;
    })
    .join(" → ");
}

function splitChains(chain: FlowChain): FlowStep[][] {
  if (typeof chain !== "string")
    return [chain.map((step) => (typeof step === "string" ? readStep(step, step) : checkStep(step)))];
  return chain
    .split(/[\n;]/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => line.split(/→|->/).map((part, i) => readStep(part.trim(), line, i + 1)));
}

function readStep(text: string, chain: string, position = 1): FlowStep {
  if (text === "")
    throw new ChoreographyFlowError(
      `parseFlow("${chain}"): step ${position} is empty; write steps as "A → B → C"`,
    );
  const match = STEP.exec(text);
  if (match === null)
    throw new ChoreographyFlowError(
      `parseFlow("${chain}"): cannot read step "${text}"; a step is a name, then optionally "stream" and a cardinality such as (once), (at least once), (never) or (2)`,
    );
  const [, name = "", stream, times] = match;
  return {
    node: name,
    ...(stream === undefined ? {} : { stream: true }),
    ...(times === undefined ? {} : { times: readCardinality(times, chain, name) }),
  };
}

function readCardinality(text: string, chain: string, name: string): Cardinality {
  const words = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, " ");
  if (words === "once" || words === "exactly once") return "once";
  if (words === "at least once") return "at-least-once";
  if (words === "never" || words === "0" || words === "0 times") return "never";
  if (words === "twice") return 2;
  const count = /^(?:exactly )?(\d+)(?: times?)?$/.exec(words);
  if (count !== null) return Number(count[1]);
  throw new ChoreographyFlowError(
    `parseFlow("${chain}"): "(${text})" after ${name} is not a cardinality; write (once), (at least once), (never) or a count such as (2)`,
  );
}

function checkStep(step: FlowStep): FlowStep {
  const { node: name, times } = step;
  if (typeof name !== "string" || !/^[^\s()]+$/.test(name))
    throw new ChoreographyFlowError(
      `parseFlow: step node ${JSON.stringify(name)} is not a resource name; use the logical name from the app`,
    );
  const valid =
    times === undefined ||
    times === "once" ||
    times === "at-least-once" ||
    times === "never" ||
    (typeof times === "number" && Number.isInteger(times) && times >= 0);
  if (!valid)
    throw new ChoreographyFlowError(
      `parseFlow: step ${name} has times ${JSON.stringify(times)}; use "once", "at-least-once", "never" or a whole number`,
    );
  return times === 0 ? { ...step, times: "never" } : step;
}
