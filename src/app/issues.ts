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
