// What Squall's global setup hands to the workers through Vitest's `provide`/`inject`.
declare module "vitest" {
  export interface ProvidedContext {
    /** The isolation prefix of this Vitest run (see `squall/vitest/global-setup`). */
    squallRunPrefix: string;
  }
}

/**
 * The key under which the global setup provides the run's isolation prefix.
 *
 * @example inject(RUN_PREFIX_KEY) // "pr-42"
 */
export const RUN_PREFIX_KEY = "squallRunPrefix";
