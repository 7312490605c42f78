/**
 * The look and finish (issue 20 items 9, 11): the UI follows the system's dark setting;
 * at 1024 px the alerts table fits the page and tree labels keep their words; there is
 * a favicon; an unknown address shows a styled 404 inside the app's top bar with no CSP
 * errors in the console; the cost charts draw in the accent colour (red means failure)
 * on evenly ticked axes.
 */
import { runScenario } from "@onset/examples";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { E2E, SCREENSHOT_DIR } from "../support/env";
import { useIsolatedProject } from "../support/isolated-project";
import { login } from "../support/login";

/**
 * Console errors (CSP refusals among them), page errors and failed loads while `page` is
 * used; the 404 of the unknown page itself is the expected answer, not an error.
 */
function consoleErrors(page: Page, expected404: string): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", (r) => {
    if (r.status() >= 400 && new URL(r.url()).pathname !== expected404) errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

/** Palette colours as the browser computes them (app/globals.css). */
const LIGHT = { accent: "rgb(75, 85, 214)" };
const DARK = {
  accent: "rgb(143, 152, 255)",
  grid: "rgb(42, 44, 52)",
  muted: "rgb(154, 158, 171)",
  card: "rgb(27, 28, 34)",
  line: "rgb(46, 48, 57)",
  fg: "rgb(230, 231, 236)",
  agentBg: "rgb(35, 38, 74)",
  toolBg: "rgb(22, 50, 31)",
  modelBg: "rgb(46, 33, 66)",
  edge: "rgb(125, 130, 148)",
  ok: "rgb(63, 143, 98)",
  error: "rgb(255, 123, 136)",
};

// Read through expect.poll: a chart that re-renders (a resize, new data) replaces its
// elements, and a replaced element's computed style reads empty until it is found again.
const fillOf = (l: Locator) => l.evaluate((e) => getComputedStyle(e).fill);
const strokeOf = (l: Locator) => l.evaluate((e) => getComputedStyle(e).stroke);
const backgroundOf = (l: Locator) => l.evaluate((e) => getComputedStyle(e).backgroundColor);

/** Relative luminance (0 black, 1 white) of an `rgb(…)` colour. */
function luminance(rgb: string): number {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

test("a favicon, and a styled 404 in the app shell with no console errors", async ({ page, request }) => {
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/icon/);
  await login(page);
  const errors = consoleErrors(page, "/no-such-page");
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("Page not found");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs" })).toBeVisible();
  await page.getByTestId("not-found").getByRole("link", { name: "Go to the runs list" }).click();
  await expect(page).toHaveURL(/\/runs/);
  expect(errors).toEqual([]);
  await page.goto("/no-such-page");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/not-found.png` });
});

test("dark mode follows the system setting", async ({ page }) => {
  await login(page);
  const background = () => page.evaluate(() => getComputedStyle(document.body.parentElement!).backgroundColor);
  await page.emulateMedia({ colorScheme: "light" });
  expect(await background()).toBe("rgb(247, 247, 248)");
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await background()).toBe("rgb(18, 19, 23)");
  await page.goto("/runs");
  await expect(page.getByTestId("runs-table").or(page.getByTestId("empty-runs"))).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runs-dark.png`, fullPage: true });
  await page.goto("/dashboard?range=30d");
  await expect(page.getByText("Loading the dashboard…")).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-dark.png`, fullPage: true });
});

test("cost charts: accent bars on even ticks, at 1024 px the alerts table fits", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await login(page);
  const { apiKey } = await useIsolatedProject(page, "polish");
  const send = { endpoint: E2E.otlpHttpUrl, headers: { Authorization: `Bearer ${apiKey}` }, protocol: "http/protobuf" as const };
  const runaway = await runScenario("runaway-cost", send);
  await runScenario("success", send);

  // Dashboard: cost bars are not the error red, ticks are evenly spaced values.
  await page.goto("/dashboard?range=24h");
  const chart = page.getByTestId("chart-cost-tokens");
  await expect(chart.locator(".recharts-bar-rectangle path").first()).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => fillOf(chart.locator(".recharts-bar-rectangle path").first())).toBe(LIGHT.accent);
  const ticks = (await chart.locator("svg text").allTextContents()).filter((t) => t.startsWith("$")).map((t) => Number(t.replace("$", "")));
  expect(ticks.length).toBeGreaterThan(2);
  const steps = ticks.slice(1).map((t, i) => Math.round((t - ticks[i]!) * 1e9));
  expect(new Set(steps).size).toBe(1);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-1024.png`, fullPage: true });

  // The run's cost tab: accent bars, no scientific notation anywhere.
  await page.goto(`/runs/${runaway.traceId}?tab=cost`);
  const byModel = page.getByTestId("cost-by-model");
  await expect(byModel.locator(".recharts-bar-rectangle path").first()).toBeVisible();
  await expect.poll(() => fillOf(byModel.locator(".recharts-bar-rectangle path").first())).toBe(LIGHT.accent);
  await expect(page.getByTestId("cost-view")).not.toContainText(/\de-\d/);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-cost-1024.png`, fullPage: true });

  // Alerts at 1024 px: a rule with a long webhook URL; nothing sticks out of the page.
  const rule = await page.request.post("/api/v1/alerts/rules", {
    data: { name: "Wide", kind: "run_cost", threshold: 1, webhookUrl: `http://127.0.0.1:9/${"very-long-path-segment/".repeat(6)}hook` },
  });
  expect(rule.status(), await rule.text()).toBe(201);
  await page.goto("/alerts");
  await expect(page.getByTestId("rules-table")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/alerts-1024.png`, fullPage: true });
});

test("at 1024 px the run tree's step labels keep their words", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await login(page);
  const { apiKey } = await useIsolatedProject(page, "polish-tree");
  const run = await runScenario("failure", { endpoint: E2E.otlpHttpUrl, headers: { Authorization: `Bearer ${apiKey}` }, protocol: "http/protobuf" });
  await page.goto(`/runs/${run.traceId}`);
  await expect(page.getByTestId("run-page")).toHaveAttribute("data-analysis", "done");
  const labels = page.getByTestId("run-tree").locator('[data-row-kind="step"] span[title]');
  await expect(labels.first()).toBeVisible();
  // Each step label is shown whole, or at least 160 px of it ("Step 6 · change · edit_…",
  // not "Step 6 · chang…").
  const widths = await labels.evaluateAll((els) => els.map((e) => ({ text: e.textContent, shown: e.clientWidth, needs: e.scrollWidth })));
  expect(widths.length).toBeGreaterThan(2);
  for (const w of widths) expect(w.needs <= w.shown || w.shown >= 160, `${w.text}: ${w.shown} of ${w.needs} px`).toBe(true);
  await page.getByTestId("run-tree").screenshot({ path: `${SCREENSHOT_DIR}/run-tree-1024.png` });
});

test("in dark mode the charts and the run graph use the dark palette", async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: "dark" });
  await login(page);
  const { apiKey } = await useIsolatedProject(page, "dark charts");
  const send = { endpoint: E2E.otlpHttpUrl, headers: { Authorization: `Bearer ${apiKey}` }, protocol: "http/protobuf" as const };
  const run = await runScenario("runaway-cost", send);
  await runScenario("failure", send);

  // Dashboard charts: bars, grid, axis ticks and the tooltip.
  await page.goto("/dashboard?range=24h");
  const chart = page.getByTestId("chart-cost-tokens");
  const bar = chart.locator(".recharts-bar-rectangle path").first();
  await expect(bar).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => fillOf(bar)).toBe(DARK.accent);
  await expect.poll(() => strokeOf(chart.locator(".recharts-cartesian-grid line").first())).toBe(DARK.grid);
  await expect.poll(() => fillOf(chart.locator(".recharts-cartesian-axis-tick-value").first())).toBe(DARK.muted);
  await expect.poll(() => strokeOf(chart.locator(".recharts-cartesian-axis-line").first())).toBe(DARK.line);
  const runsChart = page.getByTestId("chart-runs-errors");
  // Polled: a chart that re-renders (a resize) replaces its paths, whose style then reads empty.
  const runBarFills = async () => {
    const fills = new Set<string>();
    for (const path of await runsChart.locator(".recharts-bar-rectangle path").all()) fills.add(await fillOf(path));
    return [...fills].sort();
  };
  await expect.poll(runBarFills).toEqual([DARK.ok, DARK.error].sort());
  await bar.hover();
  const tooltip = chart.locator(".recharts-default-tooltip");
  await expect(tooltip).toBeVisible();
  await expect.poll(() => backgroundOf(tooltip)).toBe(DARK.card);
  expect(await tooltip.evaluate((e) => getComputedStyle(e.querySelector(".recharts-tooltip-label")!).color)).toBe(DARK.fg);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/dashboard-dark-charts.png`, fullPage: true });

  // The run's cost tab: accent bars, dark token bars, dark grid and ticks.
  await page.goto(`/runs/${run.traceId}?tab=cost`);
  const byModel = page.getByTestId("cost-by-model");
  await expect(byModel.locator(".recharts-bar-rectangle path").first()).toBeVisible();
  await expect.poll(() => fillOf(byModel.locator(".recharts-bar-rectangle path").first())).toBe(DARK.accent);
  await expect.poll(() => strokeOf(byModel.locator(".recharts-cartesian-grid line").first())).toBe(DARK.grid);
  await expect.poll(() => fillOf(byModel.locator(".recharts-cartesian-axis-tick-value").first())).toBe(DARK.muted);
  await byModel.locator(".recharts-bar-rectangle path").first().hover();
  await expect(byModel.locator(".recharts-default-tooltip").first()).toBeVisible();
  await expect.poll(() => backgroundOf(byModel.locator(".recharts-default-tooltip").first())).toBe(DARK.card);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-cost-dark.png`, fullPage: true });

  // The graph: node boxes, edges and their labels, the background pattern, the controls.
  await page.goto(`/runs/${run.traceId}?tab=dag`);
  const nodes = page.getByTestId("dag-node");
  await expect(nodes.first()).toBeVisible();
  const backgrounds = new Set<string>();
  for (const node of await nodes.all()) {
    const bg = await backgroundOf(node);
    backgrounds.add(bg);
    expect(luminance(bg), `node background ${bg}`).toBeLessThan(0.1);
    expect(luminance(await node.evaluate((e) => getComputedStyle(e).color)), "node text").toBeGreaterThan(0.5);
  }
  expect([...backgrounds].some((bg) => [DARK.agentBg, DARK.toolBg, DARK.modelBg].includes(bg))).toBe(true);
  const canvas = page.getByTestId("dag-canvas");
  const edge = canvas.locator(".react-flow__edge-path").first();
  expect(luminance(await strokeOf(edge))).toBeLessThan(0.5);
  const edgeLabelBg = canvas.locator(".react-flow__edge-textbg").first();
  if ((await edgeLabelBg.count()) > 0) await expect.poll(() => fillOf(edgeLabelBg)).toBe(DARK.card);
  await expect.poll(() => fillOf(canvas.locator(".react-flow__background circle, .react-flow__background path").first())).toBe(DARK.grid);
  await expect.poll(() => backgroundOf(canvas.locator(".react-flow__controls-button").first())).toBe(DARK.card);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-dag-dark.png`, fullPage: true });
});
