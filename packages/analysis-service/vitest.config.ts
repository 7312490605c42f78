import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["../db/src/test-support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
