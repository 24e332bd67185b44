import fc from "fast-check";

// Generated tests run the same cases on every machine and every run, so CI is never flaky;
// SQUALL_FC_SEED=<n> explores other cases (a failure prints the seed and path to replay it).
fc.configureGlobal({ seed: Number(process.env.SQUALL_FC_SEED ?? 20_261_128) });
