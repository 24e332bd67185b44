import type { KernelServices } from "../../core/services.ts";

/**
 * `kernel.schedule` whose cancel does nothing once the action has run. Why: the simulation's
 * timer queue counts a cancel of an action that already ran as one fewer pending action (see the
 * report to the lead), which would let `runUntilIdle()` stop with work still scheduled.
 *
 * @example
 * const cancel = scheduleOnce(kernel, 3_000, "lambda.f.timeout", () => resolve("timeout"));
 * cancel(); // safe before or after it ran
 */
export function scheduleOnce(
  kernel: KernelServices,
  delayMs: number,
  label: string,
  action: () => void,
  options: { background?: boolean } = {},
): () => void {
  let done = false;
  const cancel = kernel.schedule(
    delayMs,
    label,
    () => {
      done = true;
      action();
    },
    options,
  );
  return () => {
    if (done) return;
    done = true;
    cancel();
  };
}
