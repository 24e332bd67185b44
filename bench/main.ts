// `npm run bench`: every benchmark of Squall, one after another. Figures, not assertions: speed is
// measured here, never by timed tests.
await import("./sdk.ts");
