#!/usr/bin/env node
// Squall runs from its TypeScript sources (and loads users' TypeScript handlers) through tsx.
import { register } from "tsx/esm/api";

// The SDK warns once per process that its 2027 releases will need Node 22; Squall supports Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
register();
await import("../src/cli/main.ts");
