/**
 * Failure modes, replays and the "new failure mode" rule in the browser (issue 18), in a
 * project of the spec's own: two runs of the demo's failure and one of its success (the
 * same task) are sent by the real OTLP exporter and analyzed; /failure-modes groups the
 * two failures into one mode, links to both runs and to a comparison of a failing and a
 * succeeding run of the task. A run carrying `onset.replay.of` (as a replay started from
 * the failed run's bundle would) shows "Replay of" with a comparison, and the original
 * lists it. An admin sets the project's replay webhook in Settings, and "Send to replay
 * webhook" on the failed run's page delivers its signed bundle to a local receiver. The
 * alerts form offers the "New failure mode" kind with its trigger.
 */
import { createHmac } from "node:crypto";
import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { runScenario } from "@onset/examples";
import { E2E, SCREENSHOT_DIR } from "../support/env";
import { useIsolatedProject } from "../support/isolated-project";
import { login } from "../support/login";

/** Asks for a run's analysis (what opening its page does), so its failure mode and replay link are stored now. */
async function analyze(page: Page, traceId: string): Promise<void> {
  await expect.poll(async () => (await page.request.get(`/api/v1/runs/${traceId}/analysis`)).status(), { timeout: 30_000 }).toBe(200);
}

test("failure modes group the demo's failures; a replay links to its original; the alerts form offers the rule", async ({ page }) => {
  await login(page);
  const own = await useIsolatedProject(page, "failure modes");
  const send = (scenario: "failure" | "success", resourceAttributes?: Record<string, string>) =>
    runScenario(scenario, { endpoint: E2E.otlpHttpUrl, headers: { Authorization: `Bearer ${own.apiKey}` }, protocol: "http/protobuf", resourceAttributes });
  const first = await send("failure");
  const second = await send("failure");
  const success = await send("success");
  const replay = await send("success", { "onset.replay.of": first.traceId });
  for (const run of [first, second, success, replay]) await analyze(page, run.traceId);

  // One mode, two failed runs, each linked; the comparison pairs a failure with the success of the same task.
  await page.goto(`/failure-modes?project=${own.projectId}`);
  await expect(page.getByRole("heading", { name: "Failure modes" })).toBeVisible();
  const modes = page.getByTestId("failure-mode");
  await expect(modes).toHaveCount(1);
  await expect(modes.getByTestId("failure-mode-runs")).toHaveText("2 failed runs");
  for (const run of [first, second]) await expect(modes.locator(`a[href*="/runs/${run.traceId}"]`)).toHaveCount(1);
  const compare = modes.getByTestId("failure-mode-compare");
  const href = await compare.getAttribute("href");
  // The latest succeeding run of the task: the success, or the replay (a success of the same task, sent after it).
  const pairs = [first, second].flatMap((a) => [success, replay].map((b) => `/diff?a=${a.traceId}&b=${b.traceId}`));
  expect(pairs).toContain(href?.replace(/&project=[^&]*$/, ""));
  await page.screenshot({ path: `${SCREENSHOT_DIR}/failure-modes.png`, fullPage: true });
  await compare.click();
  await expect(page).toHaveURL(/\/diff\?a=/);
  await expect(page.getByRole("heading", { name: "Run diff" })).toBeVisible();

  // The replay names its original and offers the comparison; the original lists its replay.
  await page.goto(`/runs/${replay.traceId}?project=${own.projectId}`);
  const of = page.getByTestId("replay-of");
  await expect(of).toContainText("Replay of");
  await expect(of.locator(`a[href*="/runs/${first.traceId}"]`)).toHaveCount(1);
  await expect(page.getByTestId("compare-with-original")).toHaveAttribute("href", new RegExp(`^/diff\\?a=${first.traceId}&b=${replay.traceId}`));
  await page.screenshot({ path: `${SCREENSHOT_DIR}/replay-of.png`, fullPage: false });
  await page.goto(`/runs/${first.traceId}?project=${own.projectId}`);
  const rows = page.getByTestId("replay-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.locator(`a[href*="/runs/${replay.traceId}"]`)).toHaveCount(1);
  await expect(rows.getByRole("link", { name: "Compare" })).toHaveAttribute("href", new RegExp(`^/diff\\?a=${first.traceId}&b=${replay.traceId}`));

  // The replay webhook: set in Settings, then the failed run's bundle sent from its page.
  const hooks: { raw: string; signature: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      hooks.push({ raw, signature: String(req.headers["x-onset-signature"]) });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  try {
    await page.goto(`/settings?tab=judge&project=${own.projectId}`);
    const settings = page.getByTestId("replay-webhook-settings");
    await settings.getByLabel("Webhook URL").fill(`http://127.0.0.1:${(receiver.address() as { port: number }).port}/replays`);
    await settings.getByRole("button", { name: "Set webhook" }).click();
    const secret = (await settings.getByTestId("replay-webhook-secret").locator("code").textContent()) ?? "";
    expect(secret).toMatch(/^whsec_/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/replay-webhook-settings.png`, fullPage: true });
    await page.goto(`/runs/${first.traceId}?project=${own.projectId}`);
    await page.getByTestId("replay-send").click();
    await expect(page.getByTestId("replay-send-result")).toHaveText("Sent · HTTP 200");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/replay-send.png`, fullPage: false });
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.signature).toBe(`sha256=${createHmac("sha256", secret).update(hooks[0]!.raw).digest("hex")}`);
    expect(JSON.parse(hooks[0]!.raw)).toMatchObject({ type: "replay", traceId: first.traceId, bundle: { traceId: first.traceId } });
  } finally {
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
  }

  // The "new failure mode" rule from the form.
  await page.goto(`/alerts?project=${own.projectId}`);
  await page.getByRole("button", { name: "New rule" }).click();
  const form = page.getByRole("form", { name: "New alert rule" });
  await form.getByLabel("Name").fill("New failure modes");
  await form.getByLabel("Kind").selectOption("new_failure_mode");
  await expect(form.getByLabel("Per")).toHaveCount(0);
  await form.getByLabel("Fires when").selectOption("count");
  await form.getByLabel("Threshold (failed runs)").fill("2");
  await form.getByLabel("Webhook URL").fill("http://127.0.0.1:9/onset-hook");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/alerts-new-failure-mode.png`, fullPage: true });
  await form.getByRole("button", { name: "Create rule" }).click();
  await page.getByRole("button", { name: "I have stored it" }).click();
  const row = page.getByTestId("rules-table").getByRole("row").filter({ hasText: "New failure modes" });
  await expect(row).toContainText("any failure mode with ≥ 2 failed runs over 1 h");
});
