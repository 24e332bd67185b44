// `npm run bench`: every benchmark of Squall, one after another. Figures, not assertions: speed is
// measured here, never by timed tests. The inventory load takes a few minutes (one virtual hour);
// the waiting benchmark a few seconds; the planted bugs about ten minutes.
await import("./sdk.ts");
console.log("");
await import("./waiting.ts");
console.log("");
await import("./inventory.ts");
console.log("");
// Planted bugs: found, shrunk, fixed twins over 1,000 seeds each (about ten minutes).
await import("./planted.ts");
