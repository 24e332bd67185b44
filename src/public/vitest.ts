// The `squall/vitest` entry point: re-exports only. Nothing inside Squall imports this file.
export { type SquallFixtures, squallTest } from "../vitest/fixture.ts";
export { seedForTest } from "../vitest/seed.ts";
