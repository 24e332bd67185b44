import { cac } from "cac";
import pc from "picocolors";
import { runReservations } from "../../examples/reservations/scenario.ts";
import { SquallError } from "../core/errors.ts";
import { loadConfig } from "../harness/load-config.ts";
import { runScenarios } from "../harness/run-scenarios.ts";
import { registerExploreCommands } from "./explore-command.ts";
import { formatRun, runJson } from "./report-run.ts";

// The CLI is a thin shell over the programmatic API: every command calls an exported function.
const cli = cac("squall");

cli
  .command("demo", "Run the reservations example in the simulation and print what happened")
  .option("--seed <seed>", "Seed of the simulation", { default: 1 })
  .option("--mode <mode>", "SDK bridge mode: fast or wire", { default: "fast" })
  .option("--orders <n>", "Orders competing for the stock", { default: 20 })
  .action(async (options: { seed: unknown; mode: unknown; orders: unknown }) => {
    const seed = wholeNumber("--seed", options.seed);
    const orders = wholeNumber("--orders", options.orders);
    if (options.mode !== "fast" && options.mode !== "wire") {
      throw new SquallError(`--mode must be "fast" or "wire", got ${JSON.stringify(options.mode)}`);
    }
    const summary = await runReservations({ seed, mode: options.mode, orders });
    console.log(pc.bold(`reservations example, seed ${seed}, ${options.mode} mode`));
    console.log(`  ${orders} orders, each delivered twice, racing for ${Math.floor(orders * 0.75)} units`);
    console.log(`  outcomes:          ${JSON.stringify(summary.outcomes)}`);
    console.log(`  reservation rows:  ${summary.reservationRows}`);
    console.log(`  stock left:        ${summary.stockLeft}`);
    console.log(`  stream records:    ${summary.streamRecords}`);
    console.log(`  SDK calls:         ${summary.sdkCalls} in ${summary.virtualMs} ms of virtual time`);
    console.log(`  trace fingerprint: ${summary.fingerprint}`);
    console.log(pc.dim(`  replay: squall demo --seed ${seed} --mode ${options.mode} --orders ${orders}`));
  });

cli
  .command(
    "run <dir>",
    "Run the scenarios of <dir>/squall.config.ts in the simulation and check its invariants",
  )
  .option("--seed <seed>", "Seed of the simulation (default: the config's, else 1)")
  .option("--scenario <name>", "Run only this scenario")
  .option("--variant <name>", "Run only this variant of the app")
  .option("--json", "Print a stable JSON document instead of the report")
  .action(
    async (
      dir: string,
      options: { seed?: unknown; scenario?: unknown; variant?: unknown; json?: boolean },
    ) => {
      const { config, file } = await loadConfig(dir);
      const results = await runScenarios(config, {
        file,
        ...(options.seed === undefined ? {} : { seed: wholeNumber("--seed", options.seed) }),
        ...(options.scenario === undefined ? {} : { scenario: String(options.scenario) }),
        ...(options.variant === undefined ? {} : { variant: String(options.variant) }),
      });
      console.log(options.json === true ? runJson(dir, results) : formatRun(dir, results));
      if (results.some((r) => !r.passed)) process.exitCode = 1;
    },
  );

registerExploreCommands(cli, wholeNumber);

cli.help();

function wholeNumber(flag: string, value: unknown): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new SquallError(`${flag} must be a whole number, got ${JSON.stringify(value)}`);
  return n;
}

try {
  cli.parse(process.argv, { run: false });
  if (!cli.matchedCommand) {
    cli.outputHelp();
    process.exitCode = process.argv.length > 2 ? 2 : 0;
  } else {
    await cli.runMatchedCommand();
  }
} catch (error) {
  // A user's mistake gets one clear line, never a stack trace from inside Squall.
  if (error instanceof SquallError || (error instanceof Error && error.name === "CACError")) {
    console.error(pc.red(`squall: ${error.message}`));
    // Bad usage or a bad config is exit status 2; a failed scenario is 1.
    process.exitCode = 2;
  } else {
    throw error;
  }
}
