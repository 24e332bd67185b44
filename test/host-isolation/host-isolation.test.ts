import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { defineApp } from "../../src/app/define-app.ts";
import { tableName } from "../../src/app/refs.ts";
import { simulate } from "../../src/targets/sim/simulated-cloud.ts";

// A simulated handler's SDK client must not pick up the developer's AWS settings: the same
// seed gives the same retries (and virtual times) on every machine, as in a Lambda sandbox.

const app = defineApp({
  name: "hostisolation",
  root: import.meta.dirname,
  tables: { Records: { partitionKey: { name: "id", type: "S" } } },
  functions: {
    probe: {
      handler: "handlers.ts#probe",
      // Throttled retries back off for seconds of virtual time (up to 20 s each with ten attempts).
      timeoutSeconds: 900,
      environment: { TABLE_NAME: tableName("Records") },
    },
  },
});

/** The DynamoDB client's own defaults in this SDK version: four attempts, standard mode. */
const SDK_DEFAULTS = { maxAttempts: 4, retryMode: "standard" };

const restores: (() => void)[] = [];
afterEach(() => {
  for (const restore of restores.splice(0).reverse()) restore();
});

/** Sets host variables for one test (restored after it). */
function hostVariables(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    const before = process.env[name];
    process.env[name] = value;
    restores.push(() => {
      if (before === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = before;
    });
  }
}

/** A home folder with a shared config file that asks for more attempts and adaptive retries. */
function homeWithConfig(): string {
  const home = mkdtempSync(path.join(tmpdir(), "squall-home-"));
  restores.push(() => rmSync(home, { recursive: true, force: true }));
  mkdirSync(path.join(home, ".aws"));
  const config = "[default]\nmax_attempts = 7\nretry_mode = adaptive\n\n[profile dev]\nmax_attempts = 9\n";
  writeFileSync(path.join(home, ".aws", "config"), config);
  return home;
}

async function probe(afterSimulate: () => void = () => {}): Promise<Record<string, unknown>> {
  await using cloud = await simulate(app, {
    seed: 1,
    faults: { dynamodb: { tables: { Records: { operations: { PutItem: 1 } } } } },
  });
  afterSimulate();
  const result = await cloud.invoke("probe", {});
  expect(result.error, JSON.stringify(result.payload)).toBeUndefined();
  return result.payload as Record<string, unknown>;
}

describe("a handler's SDK client in the simulation, on a developer's machine", () => {
  it("ignores the host's AWS_MAX_ATTEMPTS, AWS_RETRY_MODE and AWS_PROFILE", async () => {
    hostVariables({ AWS_MAX_ATTEMPTS: "10", AWS_RETRY_MODE: "adaptive", AWS_PROFILE: "dev" });
    const seen = await probe();
    expect(seen).toMatchObject({ error: "ProvisionedThroughputExceededException", ...SDK_DEFAULTS });
    expect(seen.attempts).toBe(SDK_DEFAULTS.maxAttempts);
    expect(seen.variables).toEqual({
      TABLE_NAME: "Records",
      AWS_LAMBDA_FUNCTION_NAME: "probe",
      AWS_MAX_ATTEMPTS: null,
      AWS_PROFILE: null,
    });
    // The test's own code, outside the environment, still sees the host's variables.
    expect(process.env.AWS_MAX_ATTEMPTS).toBe("10");
    expect(await (new DynamoDBClient({}).config.maxAttempts as () => Promise<number>)()).toBe(10);
  });

  it.each([
    ["HOME", (home: string): Record<string, string> => ({ HOME: home }), 7],
    [
      "AWS_CONFIG_FILE and AWS_PROFILE",
      (home: string): Record<string, string> => ({
        AWS_CONFIG_FILE: path.join(home, ".aws", "config"),
        AWS_PROFILE: "dev",
      }),
      9,
    ],
  ])("ignores a shared config file found through %s", async (_, variables, outsideAttempts) => {
    const home = homeWithConfig();
    hostVariables(variables(home));
    // Outside the simulation the file is read: it would change the client.
    const outside = new DynamoDBClient({}).config.maxAttempts as () => Promise<number>;
    expect(await outside()).toBe(outsideAttempts);
    const seen = await probe();
    expect(seen).toMatchObject({ attempts: SDK_DEFAULTS.maxAttempts, ...SDK_DEFAULTS });
  });

  it("ignores a shared config file the test points HOME at once the cloud is made", async () => {
    const home = homeWithConfig();
    // As in a squallTest body: the cloud exists before the test changes HOME.
    const seen = await probe(() =>
      hostVariables({ HOME: home, AWS_CONFIG_FILE: path.join(home, ".aws", "config") }),
    );
    expect(seen).toMatchObject({ attempts: SDK_DEFAULTS.maxAttempts, ...SDK_DEFAULTS });
  });
});
