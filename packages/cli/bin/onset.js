#!/usr/bin/env -S node --heap-growing-percent=50 --max-semi-space-size=8
// The `onset` command. Onset's packages are TypeScript source; tsx compiles them on load.
// The node flags on the first line are the collector's (apps/collector/src/node-flags.ts:
// they keep its memory down under load, and V8 takes them only on the command line);
// `node bin/onset.js` skips that line, so the Dockerfile, docker-compose.yml and the
// npm scripts pass the same flags themselves.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
