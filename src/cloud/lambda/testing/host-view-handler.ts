// A handler fixture that reports what it sees of the environment variables the tests name.
export async function handler(event: {
  names: string[];
  write?: Record<string, string>;
}): Promise<Record<string, unknown>> {
  for (const [name, value] of Object.entries(event.write ?? {})) process.env[name] = value;
  const keys = Object.keys(process.env);
  return {
    values: Object.fromEntries(event.names.map((n) => [n, process.env[n] ?? null])),
    present: event.names.filter((n) => n in process.env),
    listed: event.names.filter((n) => keys.includes(n)),
    spread: Object.fromEntries(event.names.map((n) => [n, { ...process.env }[n] ?? null])),
  };
}
