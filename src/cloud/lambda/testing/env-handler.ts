// A handler fixture that reads, enumerates and deletes environment variables.
export async function handler(event: { remove?: string }): Promise<Record<string, unknown>> {
  const before = event.remove === undefined ? undefined : process.env[event.remove];
  if (event.remove !== undefined) delete process.env[event.remove];
  return {
    before: before ?? null,
    after: event.remove === undefined ? null : (process.env[event.remove] ?? null),
    hasTable: "TABLE" in process.env,
    keys: Object.keys(process.env).filter((k) => k === "TABLE" || k === "AWS_LAMBDA_FUNCTION_NAME"),
    spread: { ...process.env }.AWS_LAMBDA_FUNCTION_NAME ?? null,
  };
}
