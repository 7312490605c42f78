import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    globalSetup: ["src/global-setup.ts"],
    // Each case runs a client as a child process against the one Onset: one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 150_000,
  },
});
