import type { SquallConfig } from "../../targets/scenario.ts";
import { counterApp, counterConfig } from "./config.ts";

/** The counter app with a handler file that needs Node's module loader (see counter-lazy.ts). */
export const lazyCounterConfig: SquallConfig = {
  ...counterConfig,
  app: counterApp("counter-lazy.ts#handler"),
};

export default lazyCounterConfig;
