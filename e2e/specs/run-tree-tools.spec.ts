/**
 * Finding things in a run (issue 20): search over names and content with previous/next,
 * errors only, hiding the Stage/Step rows, collapse/expand all, the waterfall's zoom and
 * durations, keyboard navigation, history entries for span and tab choices, and Escape
 * closing the detail pane. A failed run goes through the real OTLP exporter; screenshots
 * go to e2e/output/screenshots/.
 */
import type { FailureExpectations } from "@onset/examples";
import { expect, test, type Page } from "@playwright/test";
import { SCREENSHOT_DIR } from "../support/env";
import { login } from "../support/login";
import { sendScenario } from "../support/run-data";

let failure: FailureExpectations;

test.beforeAll(async () => {
  const f = await sendScenario("failure");
  if (f.expectations.scenario !== "failure") throw new Error("unexpected scenario expectations");
  failure = f.expectations;
});

const tree = (page: Page) => page.getByTestId("run-tree");
const rows = (page: Page) => tree(page).locator('[role="treeitem"]');
const spanRow = (page: Page, spanId: string) => tree(page).locator(`[role="treeitem"][data-span-id="${spanId}"]`);
const spanParam = (page: Page) => new URL(page.url()).searchParams.get("span");

async function openRun(page: Page): Promise<void> {
  await login(page);
  await page.goto(`/runs/${failure.runs[0]!.traceId}`);
  await expect(rows(page).first()).toBeVisible();
  // The tree is drawn from the outline first; its step and stage rows come with the analysis.
  await expect(page.getByTestId("run-page")).toHaveAttribute("data-analysis", "done");
}

test("search finds spans by their content and by name, and steps through the matches", async ({ page }) => {
  await openRun(page);
  const search = page.getByTestId("tree-search");
  // "assert" is only in the failing test run's output (content the page does not hold).
  await search.fill("assert ");
  await expect(page.getByTestId("search-status")).toHaveText(/^0 of \d+$/);
  await search.press("Enter");
  const first = spanParam(page);
  expect(first).not.toBeNull();
  await expect(spanRow(page, first!)).toHaveAttribute("data-match", "true");
  await expect(page.getByTestId("span-detail-name")).toContainText("run_tests");
  await expect(page.getByTestId("search-status")).toHaveText(/^1 of \d+$/);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-search.png`, fullPage: true });

  // By name: every edit_file call, next and previous wrap around.
  await search.fill("edit_file");
  await expect(page.getByTestId("search-status")).toHaveText(/^0 of [2-9]\d*$/);
  const total = Number((await page.getByTestId("search-status").textContent())!.split(" of ")[1]);
  await page.getByRole("button", { name: "Next match" }).click();
  const a = spanParam(page);
  await page.getByRole("button", { name: "Next match" }).click();
  const b = spanParam(page);
  expect(b).not.toBe(a);
  await expect(page.getByTestId("search-status")).toHaveText(`2 of ${total}`);
  await search.press("Shift+Enter");
  expect(spanParam(page)).toBe(a);
  // The tool calls match by name, the decisions that asked for them by their output.
  await expect(spanRow(page, a!)).toHaveAttribute("data-match", "true");
  await expect(spanRow(page, a!)).toHaveAttribute("aria-selected", "true");
  await search.fill("no such text anywhere");
  await expect(page.getByTestId("search-status")).toHaveText("no matches");
});

test("errors only, hide stage/step rows, collapse and expand all", async ({ page }) => {
  await openRun(page);
  const full = Number(await tree(page).getAttribute("data-row-count"));
  await page.getByTestId("errors-only").check();
  await expect(spanRow(page, failure.exposedBy.spanId)).toBeVisible();
  // Only failed spans and the rows above them remain: every span row left failed or holds a failure.
  const kept = Number(await tree(page).getAttribute("data-row-count"));
  expect(kept).toBeLessThan(full);
  await expect(tree(page).locator('[data-row-kind="span"][data-status="ok"]:not([aria-expanded])')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-errors-only.png`, fullPage: true });
  await page.getByTestId("errors-only").uncheck();

  await page.getByTestId("hide-groups").check();
  await expect(tree(page).locator('[data-row-kind="step"], [data-row-kind="stage"]')).toHaveCount(0);
  await expect(page.getByTestId("tree-row-count")).toContainText("rows shown");
  await page.getByTestId("hide-groups").uncheck();
  await expect(tree(page).locator('[data-row-kind="step"]').first()).toBeVisible();

  await page.getByTestId("collapse-all").click();
  await expect(tree(page)).toHaveAttribute("data-row-count", "1"); // the workflow root alone
  await page.getByTestId("expand-all").click();
  await expect(tree(page)).toHaveAttribute("data-row-count", String(full));
});

test("the waterfall shows durations on its bars and zooms in around the selected span", async ({ page }) => {
  await openRun(page);
  await expect(rows(page).first().getByTestId("bar-duration")).toHaveText(/^\d+(\.\d)? (ms|s)$|^\d+ min \d+ s$/);
  const ticksBefore = await page.getByTestId("waterfall-axis").innerText();
  await spanRow(page, failure.exposedBy.spanId).click();
  await page.getByTestId("zoom-in").click();
  await page.getByTestId("zoom-in").click();
  await expect(page.getByTestId("waterfall-axis")).toHaveAttribute("data-zoomed", "true");
  expect(await page.getByTestId("waterfall-axis").innerText()).not.toBe(ticksBefore);
  await expect(spanRow(page, failure.exposedBy.spanId).getByTestId("bar-duration")).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-waterfall-zoomed.png`, fullPage: true });
  await page.getByTestId("zoom-reset").click();
  await expect(page.getByTestId("waterfall-axis")).not.toHaveAttribute("data-zoomed", "true");
  expect(await page.getByTestId("waterfall-axis").innerText()).toBe(ticksBefore);
});

test("keys walk the tree, Back returns to the previous span and tab, Escape closes the detail", async ({ page }) => {
  await openRun(page);
  await tree(page).focus();
  await page.keyboard.press("Home");
  await expect(page).toHaveURL(/span=/);
  const firstSpan = spanParam(page)!;
  await expect(spanRow(page, firstSpan)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => spanParam(page)).not.toBe(firstSpan);
  await expect(spanRow(page, spanParam(page)!)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("End");
  await expect(page.getByTestId("span-detail-name")).toBeVisible();

  // Clicks make history entries: Back goes to the previous span, then to the previous tab.
  await spanRow(page, failure.onset.chatSpanId).click();
  await spanRow(page, failure.exposedBy.spanId).click();
  await expect(page.getByTestId("span-detail-name")).toHaveText(failure.exposedBy.spanName);
  await page.getByTestId("tab-dag").click();
  await expect(page).toHaveURL(/tab=dag/);
  await page.goBack();
  await expect(page).not.toHaveURL(/tab=dag/);
  await expect(page.getByTestId("span-detail-name")).toHaveText(failure.exposedBy.spanName);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`span=${failure.onset.chatSpanId}`));
  await expect(spanRow(page, failure.onset.chatSpanId)).toHaveAttribute("aria-selected", "true");
  await expect(page).toHaveURL(new RegExp(`/runs/${failure.runs[0]!.traceId}`));

  // "/" focuses the search; Escape there clears it, Escape elsewhere closes the detail pane.
  await tree(page).focus();
  await page.keyboard.press("/");
  await expect(page.getByTestId("tree-search")).toBeFocused();
  await page.keyboard.type("chat");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("tree-search")).toHaveValue("");
  await tree(page).focus();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("span-detail-empty")).toBeVisible();
  expect(spanParam(page)).toBeNull();
});
