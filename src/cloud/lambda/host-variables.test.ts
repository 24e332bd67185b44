import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InvokeOutcome } from "./invoker.ts";
import { lambdaWorld } from "./testing/lambda-world.ts";

type View = {
  values: Record<string, string | null>;
  present: string[];
  listed: string[];
  spread: Record<string, string | null>;
};

/** Host variables a developer might have exported, set for each test and restored after it. */
const HOST: Readonly<Record<string, string>> = {
  AWS_MAX_ATTEMPTS: "10",
  AWS_RETRY_MODE: "adaptive",
  AWS_PROFILE: "dev",
  AWS_ENDPOINT_URL_DYNAMODB: "http://localhost:8000",
  AWS_USE_FIPS_ENDPOINT: "true",
  AWS_ACCESS_KEY_ID: "AKIAHOSTDEVELOPER000",
  AWS_LAMBDA_LOG_LEVEL: "DEBUG",
  _X_AMZN_TRACE_ID: "Root=1-00000000-host",
  POWERTOOLS_IDEMPOTENCY_DISABLED: "true",
  SQUALL_HOST_ONLY: "kept",
};
let saved: Record<string, string | undefined> = {};

beforeEach(() => {
  saved = Object.fromEntries(Object.keys(HOST).map((k) => [k, process.env[k]]));
  Object.assign(process.env, HOST);
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) Reflect.deleteProperty(process.env, k);
    else process.env[k] = v;
  }
});

function viewOf(outcome: InvokeOutcome): View {
  if (outcome.kind !== "success") throw new Error(`expected success, got ${JSON.stringify(outcome)}`);
  return outcome.result as View;
}

async function look(names: string[], write?: Record<string, string>): Promise<View> {
  using world = lambdaWorld([
    {
      name: "viewer",
      handler: "host-view-handler.ts#handler",
      environment: { TABLE_NAME: "pr-1-Orders", POWERTOOLS_SERVICE_NAME: "orders" },
    },
  ]);
  const event = write === undefined ? { names } : { names, write };
  return viewOf(
    await world.sim.run(() => world.lambda.invoke({ functionName: "viewer", event, trigger: "t" })),
  );
}

describe("host variables inside an execution environment", () => {
  it("hides the host's AWS, X-Ray trace and Powertools settings, however they are read", async () => {
    // (AWS_ACCESS_KEY_ID: Lambda sets its own, see below.)
    const hidden = Object.keys(HOST).filter((k) => k !== "SQUALL_HOST_ONLY" && k !== "AWS_ACCESS_KEY_ID");
    const view = await look(hidden);
    expect(view.values).toEqual(Object.fromEntries(hidden.map((k) => [k, null])));
    expect(view.present).toEqual([]);
    expect(view.listed).toEqual([]);
    expect(view.spread).toEqual(Object.fromEntries(hidden.map((k) => [k, null])));
  });

  it("shows Lambda's variables, the function's own, and host variables that configure no AWS client", async () => {
    const names = ["AWS_REGION", "AWS_LAMBDA_FUNCTION_NAME", "LANG", "TZ", "TABLE_NAME"];
    const more = ["POWERTOOLS_SERVICE_NAME", "SQUALL_HOST_ONLY", "PATH"];
    const view = await look([...names, ...more]);
    expect(view.values).toMatchObject({
      AWS_REGION: "us-east-1",
      AWS_LAMBDA_FUNCTION_NAME: "viewer",
      LANG: "en_US.UTF-8",
      TZ: ":UTC",
      TABLE_NAME: "pr-1-Orders",
      POWERTOOLS_SERVICE_NAME: "orders",
      SQUALL_HOST_ONLY: "kept",
      PATH: process.env.PATH,
    });
    expect(view.listed).toEqual([...names, ...more]);
  });

  it("gives the environment Lambda's (simulated) role credentials instead of the host's", async () => {
    const names = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];
    const view = await look(names);
    expect(view.listed).toEqual(names);
    expect(view.values.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(view.values.AWS_ACCESS_KEY_ID).not.toBe(HOST.AWS_ACCESS_KEY_ID);
  });

  it("lets the handler set a hidden name for itself, and leaves the host's value alone", async () => {
    const view = await look(["AWS_MAX_ATTEMPTS"], { AWS_MAX_ATTEMPTS: "2" });
    expect(view.values.AWS_MAX_ATTEMPTS).toBe("2");
    expect(view.listed).toEqual(["AWS_MAX_ATTEMPTS"]);
    expect(process.env.AWS_MAX_ATTEMPTS).toBe("10");
  });

  it("changes nothing outside environments, while the Lambda service is installed", () => {
    const env = process.env;
    using _world = lambdaWorld([]);
    expect(process.env).not.toBe(env);
    expect(process.env.AWS_MAX_ATTEMPTS).toBe("10");
    // An existing variable can be changed (Node's env object once refused it through the proxy).
    process.env.SQUALL_HOST_ONLY = "changed";
    expect(env.SQUALL_HOST_ONLY).toBe("changed");
    expect("AWS_PROFILE" in process.env).toBe(true);
    expect(Object.keys(process.env)).toContain("_X_AMZN_TRACE_ID");
    expect({ ...process.env }.POWERTOOLS_IDEMPOTENCY_DISABLED).toBe("true");
  });
});
