/**
 * Vitest global setup: starts one DynamoDB Local for the whole run and hands its endpoint to the
 * test files (`inject("dynamodbLocalEndpoint")`). Each test file isolates itself by using its own
 * access key (see test/support/dynamodb-local-client.ts), since DynamoDB Local keeps tables apart
 * per access key and region.
 *
 * Environment:
 * - `SQUALL_DYNAMODB_LOCAL_ENDPOINT=http://127.0.0.1:8765` reuses a running instance instead.
 * - `SQUALL_DYNAMODB_LOCAL=off` starts nothing; tests that need it then fail with a clear message.
 */
import type { TestProject } from "vitest/node";
import { startDynamoDbLocal } from "../scripts/dynamodb-local.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of DynamoDB Local, or "" when it was not started. */
    dynamodbLocalEndpoint: string;
  }
}

/**
 * Starts DynamoDB Local and returns the teardown that stops it.
 *
 * @example
 * // vitest.config.ts: test: { globalSetup: ["test/global-setup.ts"] }
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const reuse = process.env.SQUALL_DYNAMODB_LOCAL_ENDPOINT;
  if (reuse !== undefined && reuse !== "") {
    project.provide("dynamodbLocalEndpoint", reuse);
    return async () => {};
  }
  if (process.env.SQUALL_DYNAMODB_LOCAL === "off") {
    project.provide("dynamodbLocalEndpoint", "");
    return async () => {};
  }
  const instance = await startDynamoDbLocal();
  project.provide("dynamodbLocalEndpoint", instance.endpoint);
  return () => instance.stop();
}
