import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// `npm run docs:images -w @onset/e2e`: the same Onset instance and browser as the suite,
// but only docs-images/, which writes the pictures in docs/images (not part of `npm test`:
// it rewrites tracked files).
export default defineConfig({ ...base, testDir: "./docs-images", timeout: 240_000 });
