/**
 * Setting up a webhook (issue 20 item 10): the rule form shows what the webhook will
 * receive and links to the reference; a loop rule starts from a threshold; the signing
 * secret is shown whole (underscores and all) with a copy button; a test to a failing
 * receiver is reported once, links to no run, and is not retried.
 */
import http from "node:http";
import { expect, test } from "@playwright/test";
import { SCREENSHOT_DIR } from "../support/env";
import { useIsolatedProject } from "../support/isolated-project";
import { login } from "../support/login";

let server: http.Server;
let hookUrl: string;
const received: string[] = [];

test.beforeAll(async () => {
  // A receiver that is down: every request answers 500.
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      received.push(raw);
      res.writeHead(500).end("down");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/down`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

test("the rule form explains the payload, defaults a loop threshold, shows the secret whole, and a failed test is not retried", async ({ page, context }) => {
  await login(page);
  await useIsolatedProject(page, "webhooks");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/alerts");
  await page.getByRole("button", { name: "New rule" }).click();
  const form = page.getByRole("form", { name: "New alert rule" });

  // A loop rule starts from a threshold of 3 repeats; a wasted-cost measure from its own.
  await form.getByLabel("Kind").selectOption("loop");
  await expect(form.getByLabel("Threshold (repeats)")).toHaveValue("3");
  await form.getByLabel("Measure").selectOption("wasted_cost_usd");
  await expect(form.getByLabel("Threshold (USD wasted)")).toHaveValue("0.10");
  await form.getByLabel("Measure").selectOption("repeats");
  await form.getByLabel("Threshold (repeats)").fill("5");
  await form.getByLabel("Kind").selectOption("run_cost");
  await expect(form.getByLabel("Threshold (USD)")).toHaveValue("5"); // typed values are kept
  await form.getByLabel("Kind").selectOption("loop");

  // What the webhook receives, and the reference.
  await form.getByText("What the webhook receives").click();
  await expect(form.getByTestId("payload-example")).toContainText('"type": "firing"');
  await expect(form.getByTestId("payload-example")).toContainText('"links"');
  await expect(form.getByTestId("payload-help")).toContainText("X-Onset-Signature");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/webhook-form.png`, fullPage: true });

  await form.getByLabel("Name").fill("Loops");
  await form.getByLabel("Webhook URL").fill(hookUrl);
  const secret = "whsec_my_own__secret_with_underscores";
  await form.getByLabel(/Signing secret/).fill(secret);
  await form.getByLabel(/Signing secret/).screenshot({ path: `${SCREENSHOT_DIR}/webhook-secret-field.png` });
  await form.getByRole("button", { name: "Create rule" }).click();

  const row = page.getByTestId("rules-table").getByRole("row").filter({ hasText: "Loops" });
  await expect(row).toContainText("loop ≥ 5 repeats");
  await expect(row).toContainText(`signed (…${secret.slice(-4)})`);

  // Test to a receiver that answers 500: reported once, no retry queued, no run linked.
  await row.getByRole("button", { name: "Test" }).click();
  await expect(row.getByTestId("test-result")).toHaveText(/Test failed: #1 failed · HTTP 500/);
  await expect.poll(() => received.length).toBe(1);
  const body = JSON.parse(received[0]!) as { type: string; run: unknown; span: unknown; links: { span: unknown } };
  expect(body).toMatchObject({ type: "test", run: null, span: null, links: { span: null } });
  const event = page.getByTestId("alert-event").filter({ hasText: "Loops" }).first();
  await expect(event.getByTestId("delivery")).toHaveText("test: #1 failed · HTTP 500");
  await expect(event.getByTestId("event-run-link")).toHaveCount(0);
  // Retries would come 10 s apart: wait past the first and see none.
  await page.waitForTimeout(12_000);
  expect(received).toHaveLength(1);
  const events = (await (await page.request.get("/api/v1/alerts/events")).json()) as { events: { ruleName: string; deliveries: unknown[] }[] };
  expect(events.events.find((e) => e.ruleName === "Loops")!.deliveries).toHaveLength(1);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/webhook-test-failed.png`, fullPage: true });
});

test("a generated signing secret is shown whole with a copy button", async ({ page, context }) => {
  await login(page);
  await useIsolatedProject(page, "webhook-secret");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/alerts");
  await page.getByRole("button", { name: "New rule" }).click();
  const form = page.getByRole("form", { name: "New alert rule" });
  await form.getByLabel("Name").fill("Costly");
  await form.getByLabel("Webhook URL").fill(hookUrl);
  await form.getByRole("button", { name: "Create rule" }).click();
  const value = page.getByTestId("rule-secret-value");
  const secret = await value.inputValue();
  expect(secret).toMatch(/^whsec_/);
  // Nothing cut off: the field is as wide as its text and tall enough for descenders.
  const fits = await value.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth + 1);
  expect(fits).toBe(true);
  await page.getByRole("button", { name: "Copy signing secret" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await page.getByTestId("rule-secret").screenshot({ path: `${SCREENSHOT_DIR}/webhook-secret.png` });
});

test("the alerts reference opens from the form", async ({ page }) => {
  await login(page);
  await page.goto("/alerts");
  await page.getByRole("button", { name: "New rule" }).click();
  await page.getByText("What the webhook receives").click();
  await page.getByRole("link", { name: "Alerts reference" }).click();
  await expect(page).toHaveURL(/\/docs\/alerts/);
  await expect(page.getByTestId("doc-page")).toContainText("X-Onset-Signature");
  expect((await page.goto("/docs/passwords"))?.status()).toBe(404);
});
