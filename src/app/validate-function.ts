import { existsSync } from "node:fs";
import path from "node:path";
import { describe, type Issues, optionalBoolean, optionalInteger, optionalOneOf } from "./issues.ts";
import { isResourceRef } from "./refs.ts";
import { RESERVED_VARIABLES } from "./reserved-variables.ts";
import { checkReference, type DeclaredNames } from "./resource-names.ts";
import { validateDestination } from "./validate-destination.ts";
import { validateEventSource } from "./validate-event-source.ts";

const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
const HANDLER_PATTERN = /^(.+\.(?:ts|mts|cts|js|mjs|cjs))#([A-Za-z_$][\w$]*)$/;
const ENV_NAME = /^[a-zA-Z]\w*$/;
const KNOWN_KEYS = [
  "handler",
  "runtime",
  "timeoutSeconds",
  "memoryMb",
  "environment",
  "reservedConcurrency",
  "provisionedConcurrency",
  "vpc",
  "packageSizeMb",
  "coldStartMs",
  "events",
  "maximumRetryAttempts",
  "maximumEventAgeSeconds",
  "onFailure",
];

/**
 * Checks one function definition — handler file and export name, Lambda's limits, environment
 * references and event sources — recording every problem under `path`.
 *
 * @example validateFunction(issues, "app.functions.reserveStock", "reserveStock", { handler: "reserve.ts#handler" }, names, root)
 */
export function validateFunction(
  issues: Issues,
  at: string,
  logicalName: string,
  value: unknown,
  names: DeclaredNames,
  root: string,
): void {
  if (!NAME_PATTERN.test(logicalName))
    issues.add(at, `function name "${logicalName}" must be 1-64 letters, digits, "-" and "_"`);
  const fn = issues.object(at, value, 'a function definition such as { handler: "src/reserve.ts#handler" }');
  if (!fn) return;
  issues.unknownKeys(at, fn, KNOWN_KEYS);
  validateHandler(issues, `${at}.handler`, fn.handler, root);
  optionalOneOf(issues, `${at}.runtime`, fn.runtime, ["nodejs18.x", "nodejs20.x", "nodejs22.x"]);
  optionalInteger(issues, `${at}.timeoutSeconds`, fn.timeoutSeconds, 1, 900);
  optionalInteger(issues, `${at}.memoryMb`, fn.memoryMb, 128, 10_240);
  optionalInteger(issues, `${at}.reservedConcurrency`, fn.reservedConcurrency, 0, 1000);
  optionalInteger(issues, `${at}.provisionedConcurrency`, fn.provisionedConcurrency, 0, 1000);
  if (
    typeof fn.provisionedConcurrency === "number" &&
    typeof fn.reservedConcurrency === "number" &&
    fn.provisionedConcurrency > fn.reservedConcurrency
  )
    issues.add(`${at}.provisionedConcurrency`, "cannot exceed reservedConcurrency");
  optionalBoolean(issues, `${at}.vpc`, fn.vpc);
  optionalInteger(issues, `${at}.packageSizeMb`, fn.packageSizeMb, 0, 250);
  validateColdStart(issues, `${at}.coldStartMs`, fn.coldStartMs);
  optionalInteger(issues, `${at}.maximumRetryAttempts`, fn.maximumRetryAttempts, 0, 2);
  optionalInteger(issues, `${at}.maximumEventAgeSeconds`, fn.maximumEventAgeSeconds, 60, 21_600);
  validateEnvironment(issues, `${at}.environment`, fn.environment, names);
  if (fn.onFailure !== undefined) validateDestination(issues, `${at}.onFailure`, fn.onFailure, names, true);
  if (fn.events === undefined) return;
  if (!Array.isArray(fn.events)) {
    issues.add(`${at}.events`, `expected an array of event sources, got ${describe(fn.events)}`);
    return;
  }
  for (const [i, source] of fn.events.entries())
    validateEventSource(issues, `${at}.events[${i}]`, source, names);
}

function validateHandler(issues: Issues, at: string, value: unknown, root: string): void {
  const match = typeof value === "string" ? HANDLER_PATTERN.exec(value) : null;
  if (match === null) {
    issues.add(at, `expected "path/to/file.ts#exportName", got ${describe(value)}`);
    return;
  }
  const file = path.resolve(root, match[1] as string);
  if (!existsSync(file))
    issues.add(at, `file ${file} does not exist (handler paths are relative to the app's root, ${root})`);
}

function validateColdStart(issues: Issues, at: string, value: unknown): void {
  if (value === undefined) return;
  const range = issues.object(at, value, "{ minMs, maxMs }");
  if (!range) return;
  issues.unknownKeys(at, range, ["minMs", "maxMs"]);
  optionalInteger(issues, `${at}.minMs`, range.minMs, 0, 900_000);
  optionalInteger(issues, `${at}.maxMs`, range.maxMs, 0, 900_000);
  if (typeof range.minMs !== "number" || typeof range.maxMs !== "number" || range.minMs > range.maxMs)
    issues.add(at, "needs whole minMs and maxMs with minMs ≤ maxMs");
}

function validateEnvironment(issues: Issues, at: string, value: unknown, names: DeclaredNames): void {
  if (value === undefined) return;
  const env = issues.object(at, value, "an object of variable name to string or resource reference");
  if (!env) return;
  for (const [name, v] of Object.entries(env)) {
    if (!ENV_NAME.test(name))
      issues.add(`${at}.${name}`, "names must start with a letter and hold letters, digits and _");
    else if (RESERVED_VARIABLES.has(name))
      issues.add(`${at}.${name}`, "is set by Lambda itself; choose another name");
    if (typeof v === "string") continue;
    if (!isResourceRef(v)) {
      issues.add(
        `${at}.${name}`,
        `expected a string or a reference such as tableName("Inventory"), got ${describe(v)}`,
      );
      continue;
    }
    const kind = `${v.kind}s` as "tables" | "queues" | "topics" | "functions";
    if (!(kind in names)) issues.add(`${at}.${name}`, `unknown resource kind ${describe(v.kind)}`);
    else checkReference(issues, `${at}.${name}`, v.ref, names, kind);
  }
}
