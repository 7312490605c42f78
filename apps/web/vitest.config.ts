import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = path.dirname(fileURLToPath(import.meta.url));

// Route tests call the real handlers against a real database: one embedded Postgres for
// the run (packages/db's global setup), a cloned migrated database per test file.
export default defineConfig({
  resolve: { alias: { "@": path.join(here, "src") } },
  test: {
    globalSetup: ["../../packages/db/src/test-support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
