/**
 * The pictures in docs/images, taken from the current UI: `onset demo` fills a project
 * of its own (every scenario, through the real OTLP exporter), then each page a document
 * shows is opened at 1280x800 in light mode and saved once what it shows is drawn.
 * Run with `npm run docs:images -w @onset/e2e` (after a build), and look at the pictures
 * before committing them.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { useIsolatedProject } from "../support/isolated-project";
import { login } from "../support/login";
import { runDemo } from "../support/run-demo";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const IMAGES = path.join(root, "docs/images");

/** Saves what the window shows as docs/images/<name>.png, once the page's reads are done (the banner's quotes come from span reads). */
async function save(page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(IMAGES, `${name}.png`) });
}

test("docs/images from the demo project", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await login(page);
  const { apiKey } = await useIsolatedProject(page, "Demo");
  const sent = await runDemo(apiKey);
  const traces = (scenario: string) => sent.find((s) => s.scenario === scenario && s.variant === "genai")!.traceIds;

  await page.goto("/runs");
  await expect(page.getByTestId("runs-table").locator("tbody tr").first()).toBeVisible();
  await save(page, "runs");

  // The failed run: onset banner with the error quoted, chain, the tree down to the onset step's rows.
  await page.setViewportSize({ width: 1280, height: 1120 });
  const [failure] = traces("failure");
  await page.goto(`/runs/${failure}`);
  await expect(page.locator('[data-testid="run-page"][data-analysis="done"]')).toBeAttached({ timeout: 60_000 });
  await expect(page.getByTestId("run-tree").getByText("ONSET").first()).toBeVisible();
  await expect(page.getByTestId("onset-quote")).toContainText("assert");
  await expect(page.getByTestId("run-error-quote")).toContainText("Error");
  await save(page, "run-onset");

  // Its graph of agents, tools and models.
  await page.getByTestId("tab-dag").click();
  await expect(page.getByTestId("dag-node").first()).toBeVisible();
  await page.getByTestId("dag-canvas").scrollIntoViewIfNeeded();
  await save(page, "run-graph");

  // The loop run's diagnosis.
  const [loop] = traces("loop");
  await page.goto(`/runs/${loop}`);
  await expect(page.locator('[data-testid="run-page"][data-analysis="done"]')).toBeAttached({ timeout: 60_000 });
  await expect(page.getByTestId("run-error-quote")).toContainText("MaxTurnsExceeded");
  await save(page, "run-loop");

  // The contaminated pair's diff.
  const [a, b] = traces("contaminated-pair");
  await page.goto(`/diff?a=${a}&b=${b}`);
  await expect(page.getByTestId("diff-classification")).toBeVisible({ timeout: 60_000 });
  await save(page, "diff");

  // The dashboard.
  await page.goto("/dashboard?range=24h");
  await expect(page.getByTestId("chart-cost-tokens").locator(".recharts-bar-rectangle path").first()).toBeVisible({ timeout: 30_000 });
  await save(page, "dashboard");

  // The same failed run in dark mode.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`/runs/${failure}`);
  await expect(page.locator('[data-testid="run-page"][data-analysis="done"]')).toBeAttached({ timeout: 60_000 });
  await expect(page.getByTestId("run-tree").getByText("ONSET").first()).toBeVisible();
  await expect(page.getByTestId("onset-quote")).toContainText("assert");
  await save(page, "run-onset-dark");
});
