/**
 * The span detail pane (issue 20): JSON as a collapsible tree, attribute keys that do not
 * break mid-word, copy buttons on ids, messages and arguments, a tool result shown once,
 * times in the browser's zone with UTC on hover, no "no price" on an agent span, and a
 * pane that can be resized. A failed run goes through the real OTLP exporter.
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

const open = async (page: Page, spanId: string) => {
  await login(page);
  await page.goto(`/runs/${failure.runs[0]!.traceId}?span=${spanId}`);
  await expect(page.getByTestId("span-detail-name")).toBeVisible();
};

test("a tool span: its result once, JSON arguments as a tree, copy buttons, local time with UTC on hover", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await open(page, failure.exposedBy.spanId);
  const detail = page.getByTestId("span-detail");
  // The test output is the tool's result; the span's output and attributes repeat it: shown once.
  await expect(page.getByTestId("tool-result")).toContainText("short test summary info");
  expect((await detail.innerText()).split("short test summary info").length - 1).toBe(1);
  await expect(page.getByTestId("detail-output")).toHaveCount(0);

  const started = page.getByTestId("detail-started");
  await expect(started).toHaveAttribute("title", /^\d{4}-\d\d-\d\dT[\d:.]+Z \(UTC\)$/);
  await expect(started).not.toContainText(/\d{4}-\d\d-\d\dT/); // not the ISO form: local, like the header
  // Keys break only at dots and underscores, never inside a word.
  expect(await page.getByTestId("attributes-table").locator("th").first().evaluate((th) => getComputedStyle(th).overflowWrap)).toBe("normal");

  await detail.getByRole("button", { name: "Copy span id" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(failure.exposedBy.spanId);
  await detail.getByRole("button", { name: "Copy result" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("short test summary info");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/span-detail-tool.png`, fullPage: true });

  // The onset's edit: its JSON arguments fold and unfold.
  await page.goto(`/runs/${failure.runs[0]!.traceId}?span=${failure.onset.spanId}`);
  const args = page.getByTestId("tool-arguments");
  await expect(args).toHaveAttribute("data-format", "json");
  const root = args.locator("details").first();
  await expect(root).toHaveAttribute("open", "");
  await expect(args).toContainText("path");
  await root.locator("summary").first().click();
  await expect(root).not.toHaveAttribute("open", "");
  await detail.getByRole("button", { name: "Copy arguments" }).click();
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(JSON.parse(failure.onset.arguments));
});

test("an agent span claims no missing price, messages can be copied, and the pane resizes", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await open(page, failure.onset.chatSpanId);
  await expect(page.getByTestId("span-input").getByRole("button", { name: /^Copy .* message$/ }).first()).toBeVisible();

  // The coder agent's own span: the model is its calls', and so is the cost.
  const agentRow = page.getByTestId("run-tree").locator('[role="treeitem"][data-row-kind="span"]', { hasText: "invoke_agent coder" });
  await agentRow.click();
  await expect(page.getByTestId("span-detail-name")).toHaveText(/invoke_agent coder/);
  await expect(page.getByTestId("span-detail")).not.toContainText("no price for this model");

  const pane = page.getByTestId("span-detail");
  const before = (await pane.boundingBox())!.width;
  const handle = (await page.getByTestId("detail-resizer").boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + 40);
  await page.mouse.down();
  await page.mouse.move(handle.x - 200, handle.y + 40, { steps: 5 });
  await page.mouse.up();
  expect((await pane.boundingBox())!.width).toBeGreaterThan(before + 150);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/span-detail-resized.png`, fullPage: true });
});
