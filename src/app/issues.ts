/** Collects the problems of a definition, each under the path of the value that has it. */
export class Issues {
  readonly list: string[] = [];

  add(path: string, problem: string): void {
    this.list.push(`${path}: ${problem}`);
  }

  /** The value as a plain object, or undefined after recording that it is not one. */
  object(path: string, value: unknown, expected: string): Record<string, unknown> | undefined {
    if (typeof value === "object" && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
    this.add(path, `expected ${expected}, got ${describe(value)}`);
    return undefined;
  }

  /** Records keys Squall does not know, which are usually typos. */
  unknownKeys(path: string, value: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key))
        this.add(`${path}.${key}`, `is not a known setting; known: ${known.join(", ")}`);
    }
  }
}

/** A short, safe rendering of any value for an error message. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || typeof value !== "object") return String(value);
  return Array.isArray(value) ? "an array" : "an object";
}

/**
 * Checks an optional whole number in [min, max], recording a problem that names the range.
 *
 * @example optionalInteger(issues, "app.queues.Orders.delaySeconds", 1000, 0, 900)
 */
export function optionalInteger(
  issues: Issues,
  path: string,
  value: unknown,
  min: number,
  max: number,
): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    issues.add(path, `expected a whole number from ${min} to ${max}, got ${describe(value)}`);
}

/** Checks an optional boolean. @example optionalBoolean(issues, "app.queues.Orders.fifo", "yes") */
export function optionalBoolean(issues: Issues, path: string, value: unknown): void {
  if (value !== undefined && typeof value !== "boolean")
    issues.add(path, `expected true or false, got ${describe(value)}`);
}

/** Checks an optional value against a fixed list. @example optionalOneOf(issues, "x.runtime", "node", ["nodejs20.x"]) */
export function optionalOneOf(
  issues: Issues,
  path: string,
  value: unknown,
  allowed: readonly string[],
): void {
  if (value !== undefined && !allowed.includes(value as string))
    issues.add(path, `${describe(value)} is not allowed; use one of ${allowed.join(", ")}`);
}
