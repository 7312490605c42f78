import { defineConfig } from "@playwright/test";
import { E2E } from "./support/env";

// Real app, real Chromium (Debian's, at /usr/bin/chromium: no browser download here).
// globalSetup starts Onset with `onset start` on its own ports and data directory.
export default defineConfig({
  testDir: "./specs",
  outputDir: "./test-results",
  globalSetup: "./support/global-setup.ts",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: E2E.webUrl,
    // Specs' page.request calls carry the login cookie: like the app's own pages, they
    // say which origin they come from, or the CSRF guard refuses them (docs/security.md).
    extraHTTPHeaders: { origin: new URL(E2E.webUrl).origin },
    viewport: { width: 1280, height: 800 },
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: process.env.ONSET_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
});
