// Used only by packages/db/test-guard/expect-failing-run.mjs: this package's own vitest
// config (database global setup included) run on a test that fails on purpose.
import { mergeConfig } from "vitest/config";
import base from "./vitest.config";

export default mergeConfig(base, { test: { include: ["../db/test-guard/always-fails.guard.ts"] } });
