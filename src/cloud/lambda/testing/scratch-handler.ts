export const loadedAtMs = Date.now();
let count = 0;
export const initCount = (globalThis as Record<string, unknown>).__scratchInits = ((globalThis as Record<string, number>).__scratchInits ?? 0) + 1;
export async function handler(): Promise<unknown> {
  count++;
  return { count, loadedAtMs, url: import.meta.url };
}
