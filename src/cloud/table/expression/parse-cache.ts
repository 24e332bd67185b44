/**
 * A small memo of successful parses, keyed by expression text. Handlers send the same few
 * expressions over and over, and parsing is most of the cost of compiling one, so the simulator
 * parses each text once. Only successes are kept (a failing text re-parses to the same error);
 * the memo empties itself when full, so memory stays bounded and behaviour deterministic.
 *
 * @example const tree = parseCache.get("SET a = :v", () => parse("SET a = :v"));
 */
export class ParseCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity = 1000) {}

  get(text: string, parse: () => T): T {
    const hit = this.entries.get(text);
    if (hit !== undefined) return hit;
    const parsed = parse();
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(text, parsed);
    return parsed;
  }
}
