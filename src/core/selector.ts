import type { ChoiceStream } from "./choices.ts";

/** An action that is ready to run, as a selector sees it. */
export interface ReadyAction {
  readonly label: string;
  readonly seq: number;
}

/**
 * Chooses which of several actions that are ready at the same virtual time runs next. Running
 * actions (the loop) is kept apart from choosing them (the selector), so that random, PCT and
 * replay strategies are just different selectors.
 *
 * @example
 * const sim = createSimulation({ seed: 1, selector: randomSelector });
 */
export interface Selector {
  readonly name: string;
  /** Returns the index in `ready` (length ≥ 2) of the action to run next. */
  select(ready: readonly ReadyAction[], choices: ChoiceStream): number;
}

/** Runs ties in the order they were scheduled, drawing nothing. The default. */
export const fifoSelector: Selector = {
  name: "fifo",
  select: () => 0,
};

/** Picks uniformly among ties with a labelled draw, so different seeds explore different orders. */
export const randomSelector: Selector = {
  name: "random",
  select: (ready, choices) => choices.nextInt("schedule.tie", ready.length),
};
