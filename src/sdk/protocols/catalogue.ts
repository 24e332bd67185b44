import type { StaticOperationSchema } from "@smithy/types";

/**
 * The operation schemas a service's requests are decoded against, by SDK service id. The server
 * side of a protocol sees only an HTTP request, so it needs the schemas of the client that sent it:
 * `wire` mode learns each one from the command being sent (before its request can arrive), and a
 * server that answers other processes registers a client package's exports up front.
 */
const byService = new Map<string, Map<string, StaticOperationSchema>>();

/** Whether `value` is a static operation schema (`[9, namespace, name, traits, input, output]`). */
export function isOperationSchema(value: unknown): value is StaticOperationSchema {
  return Array.isArray(value) && value[0] === 9 && typeof value[2] === "string";
}

/**
 * Records the schema of one operation (from `command.schema`); ignores anything else.
 *
 * @example
 * rememberOperation("SQS", new SendMessageCommand(input).schema);
 */
export function rememberOperation(serviceId: string, schema: unknown): void {
  if (!isOperationSchema(schema)) return;
  let operations = byService.get(serviceId);
  if (operations === undefined) {
    operations = new Map();
    byService.set(serviceId, operations);
  }
  if (!operations.has(schema[2])) operations.set(schema[2], schema);
}

/**
 * Records every operation schema a client package exports (`Invoke$`, `ListFunctions$`…).
 *
 * @example
 * registerOperations("Lambda", await import("@aws-sdk/client-lambda"));
 */
export function registerOperations(serviceId: string, exports: Readonly<Record<string, unknown>>): void {
  for (const value of Object.values(exports)) rememberOperation(serviceId, value);
}

/** The schema of `operation`, if known. */
export function operationSchema(serviceId: string, operation: string): StaticOperationSchema | undefined {
  return byService.get(serviceId)?.get(operation);
}

/** Every known operation schema of a service. */
export function operationSchemas(serviceId: string): Iterable<StaticOperationSchema> {
  return byService.get(serviceId)?.values() ?? [];
}
