// `npm run bench`: every benchmark of Squall, one after another. Figures, not assertions: speed is
// measured here, never by timed tests. The inventory load takes a few minutes (one virtual hour);
// the waiting benchmark a few seconds.
await import("./sdk.ts");
console.log("");
await import("./waiting.ts");
console.log("");
await import("./inventory.ts");
