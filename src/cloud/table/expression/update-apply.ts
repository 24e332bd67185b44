import { validationError } from "../../aws-error.ts";
import { addNumbers } from "../value-number.ts";
import type { AttributeValue, Item } from "../values.ts";
import { pathTreeBucket } from "./clash-order.ts";
import type { DocumentPath } from "./document-path.ts";
import { planActions, type UpdateAction, type UpdatePlan } from "./update.ts";
import { checkOperandKinds, evaluate, MISSING_OPERAND, MissingOperand } from "./update-evaluate.ts";
import { type Outcome, read, type Slot, type SlotProblem, slotOf, writeAll } from "./update-slot.ts";
import { cloneItem, cloneValue, setDifference, setUnion } from "./update-values.ts";

const INVALID_PATH = "The document path provided in the update expression is invalid for update";
const WRONG_TYPE = "An operand in the update expression has an incorrect data type";

function add(existing: AttributeValue | undefined, value: AttributeValue): AttributeValue {
  if (existing === undefined) return "N" in value ? { N: addNumbers(value.N, "0") } : cloneValue(value);
  if ("N" in existing && "N" in value) return { N: addNumbers(existing.N, value.N) };
  const union = setUnion(existing, value);
  if (union === undefined) throw validationError(WRONG_TYPE);
  return union;
}

function deleteOutcome(slot: Slot, value: AttributeValue): Outcome {
  const existing = read(slot);
  if (existing === undefined) return "nothing";
  const left = setDifference(existing, value);
  if (left === undefined) throw validationError(WRONG_TYPE);
  return left === "empty" ? "remove" : { write: left };
}

/** Actions paired with their slots, in source order; `undefined` slot: a deferred problem. */
interface Target {
  readonly action: UpdateAction;
  readonly slot: Slot | undefined;
}

/**
 * DynamoDB's first complaint about target paths: a missing parent or a list/map of the wrong
 * kind, and for SET and DELETE also a scalar parent. REMOVE and ADD under a scalar parent are
 * reported later, in the order below (all seen in DynamoDB Local).
 */
function targets(actions: readonly UpdateAction[], result: Item): Target[] {
  return actions.map((action) => {
    const slot: Slot | SlotProblem = slotOf(result, action.path);
    if (typeof slot !== "string") return { action, slot };
    const deferred = slot === "scalar parent" && (action.kind === "REMOVE" || action.kind === "ADD");
    if (!deferred) throw validationError(INVALID_PATH);
    return { action, slot: undefined };
  });
}

/**
 * Applies a compiled update to a copy of `item` (`undefined`: no item yet; the engine should pass
 * the key attributes as the item for an upsert). Values are computed from the item as it was (so
 * `SET a = b, b = a` swaps); list indexes refer to the original list (`REMOVE l[0], l[2]` removes
 * both original elements); SET past a list's end appends, in index order.
 *
 * When several actions are wrong, DynamoDB Local reports them in phases, each over the actions
 * last to first: bad target paths; ADD onto an incompatible value; operand paths through the
 * wrong kind of value; ADD under a scalar and SET arithmetic or list_append type errors; missing
 * top-level operands; then missing nested operands, REMOVE under a scalar and DELETE type errors.
 * (DynamoDB's choice among several errors also follows its internal hash order of names, which
 * we do not model: about 1 random multi-error update in 100 gets a different one of its errors.)
 *
 * @example applyUpdate(compileUpdate("ADD n :one", ctx), { n: { N: "1" } }).item // { n: { N: "2" } }
 */
export function applyUpdate(
  plan: UpdatePlan,
  item: Item | undefined,
): { item: Item; updatedPaths: DocumentPath[] } {
  const original = item ?? {};
  const actions = planActions(plan);
  try {
    return applyActions(actions, original);
  } catch (error) {
    // Which complaint comes first depends on the attributes' order (below): rerun one top-level
    // attribute at a time to find it. Only failing updates pay for this.
    const groups = byTopLevelTarget(actions);
    if (groups.length > 1) for (const group of groups) applyActions(group, original);
    throw error;
  }
}

/**
 * The actions grouped by the top-level attribute they change, in the order DynamoDB works
 * through them: its tree of update paths iterated in reverse, so by descending hash bucket of
 * the name, and the later-named first within a bucket. Probe against DynamoDB Local: in
 * `SET l[1] = :v, m = b` on an empty item, `m`'s missing operand is reported, not `l`'s missing
 * parent, and the order over the names a, b, c, l, m, s, gh, gr, g2, x, y matched this rule in
 * all 110 ordered pairs. (For long names, whose hashes are large, Local's order differs from
 * this rule: `zeta`, say, comes first; not modelled.)
 */
function byTopLevelTarget(actions: readonly UpdateAction[]): UpdateAction[][] {
  const groups = new Map<string | number, UpdateAction[]>();
  for (const action of actions) {
    const name = action.path[0] as string | number;
    const group = groups.get(name);
    if (group === undefined) groups.set(name, [action]);
    else group.push(action);
  }
  const named = [...groups.entries()].map(([name, group], index) => ({ name, group, index }));
  named.sort((a, b) => pathTreeBucket(b.name) - pathTreeBucket(a.name) || b.index - a.index);
  return named.map((entry) => entry.group);
}

function applyActions(
  actions: readonly UpdateAction[],
  original: Item,
): { item: Item; updatedPaths: DocumentPath[] } {
  const result = cloneItem(original);
  const found = targets(actions, result);
  const outcomes: Outcome[] = new Array(actions.length);
  for (const [i, { action, slot }] of found.entries()) {
    if (action.kind === "ADD" && slot !== undefined) outcomes[i] = { write: add(read(slot), action.value) };
  }
  checkOperandKinds(
    actions.flatMap((a) => (a.kind === "SET" ? [a.value] : [])),
    original,
  );
  const missing = setValues(found, original, outcomes);
  if (missing.includes("top-level")) throw validationError(MISSING_OPERAND);
  for (let i = found.length - 1; i >= 0; i--) {
    const { action, slot } = found[i] as Target;
    if (missing[i] === "nested") throw validationError(MISSING_OPERAND);
    if (slot === undefined) throw validationError(INVALID_PATH);
    if (action.kind === "REMOVE") outcomes[i] = "remove";
    if (action.kind === "DELETE") outcomes[i] = deleteOutcome(slot, action.value);
  }
  writeAll(
    found.map((t) => t.slot as Slot),
    outcomes,
  );
  return { item: result, updatedPaths: actions.map((a) => a.path) };
}

/** SET values, last to first; ADD under a scalar parent fails in the same pass. */
function setValues(
  found: readonly Target[],
  original: Item,
  outcomes: Outcome[],
): ("top-level" | "nested" | undefined)[] {
  const missing: ("top-level" | "nested" | undefined)[] = new Array(found.length).fill(undefined);
  for (let i = found.length - 1; i >= 0; i--) {
    const { action, slot } = found[i] as Target;
    if (action.kind === "ADD" && slot === undefined) throw validationError(INVALID_PATH);
    if (action.kind !== "SET") continue;
    try {
      outcomes[i] = { write: evaluate(action.value, original) };
    } catch (error) {
      if (!(error instanceof MissingOperand)) throw error;
      missing[i] = error.nested ? "nested" : "top-level";
    }
  }
  return missing;
}
