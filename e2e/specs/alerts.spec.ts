/**
 * Alerts in the browser: an admin creates a run cost rule pointing at a webhook
 * receiver on 127.0.0.1 (allowed here by ONSET_ALERTS_ALLOW_PRIVATE_WEBHOOKS=1 in the
 * e2e environment), copies the signing secret shown once, test-fires the rule, and the
 * receiver gets a signed JSON notification that names no run (a test is about the
 * webhook, not some unrelated run); a real costly run then fires it, and that alert's
 * links lead to the run and span in their project; the history shows both with their
 * delivery attempts, and the rule can be edited and disabled.
 */
import { createHmac } from "node:crypto";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { runScenario } from "@onset/examples";
import { E2E, SCREENSHOT_DIR } from "../support/env";
import { useIsolatedProject } from "../support/isolated-project";
import { login } from "../support/login";

interface Hook {
  raw: string;
  headers: http.IncomingHttpHeaders;
}

let server: http.Server;
let hookUrl: string;
const hooks: Hook[] = [];

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      hooks.push({ raw, headers: req.headers });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/onset-hook`;
  // A run in the project: the test notification must still not link to it.
  await runScenario("success", { endpoint: E2E.otlpHttpUrl, headers: { Authorization: `Bearer ${E2E.apiKey}` }, protocol: "http/protobuf" });
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

test("create a rule, test-fire it to a local receiver, see the history, edit and disable it", async ({ page }) => {
  await login(page);
  // A project of its own: the rule and the costly run that fires it meet there, whatever other specs did to the default one.
  const own = await useIsolatedProject(page, "alerts ui");
  await page.goto(`/alerts?project=${own.projectId}`);
  await expect(page.getByRole("heading", { name: "Alerts" })).toBeVisible();

  await page.getByRole("button", { name: "New rule" }).click();
  const form = page.getByRole("form", { name: "New alert rule" });
  await form.getByLabel("Name").fill("Runaway cost");
  await form.getByLabel("Kind").selectOption("run_cost");
  await form.getByLabel("Threshold (USD)").fill("0.5");
  await form.getByLabel("Webhook URL").fill(hookUrl);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/alerts-new-rule.png`, fullPage: true });
  await form.getByRole("button", { name: "Create rule" }).click();

  const secret = await page.getByTestId("rule-secret-value").inputValue();
  expect(secret).toMatch(/^whsec_/);
  await page.getByRole("button", { name: "I have stored it" }).click();
  const row = page.getByTestId("rules-table").getByRole("row").filter({ hasText: "Runaway cost" });
  await expect(row).toContainText("run cost ≥ $0.50");
  await expect(row).toContainText(`signed (…${secret.slice(-4)})`);
  await expect(row).toContainText("enabled");

  await row.getByRole("button", { name: "Test" }).click();
  await expect(row.getByTestId("test-result")).toHaveText("Test delivered: #1 delivered · HTTP 200");

  // The receiver got one signed JSON notification.
  expect(hooks).toHaveLength(1);
  const hook = hooks[0]!;
  const expected = `sha256=${createHmac("sha256", secret).update(hook.raw).digest("hex")}`;
  expect(hook.headers["x-onset-signature"]).toBe(expected);
  expect(Number(hook.headers["x-onset-timestamp"])).toBeGreaterThan(Date.now() / 1000 - 60);
  const body = JSON.parse(hook.raw) as {
    type: string;
    rule: { name: string; kind: string; threshold: number };
    project: { slug: string };
    run: { traceId: string; url: string } | null;
    span: { spanId: string; url: string } | null;
    links: { alerts: string; run: string | null; span: string | null };
  };
  expect(body).toMatchObject({ type: "test", rule: { name: "Runaway cost", kind: "run_cost", threshold: 0.5 } });
  // No "Open span" into whatever run happened to be latest.
  expect(body).toMatchObject({ run: null, span: null, links: { run: null, span: null } });
  // Links use ONSET_PUBLIC_URL when `onset start` passes it, else the origin the UI was reached on; they name the project.
  const origin = new URL(body.links.alerts).origin;
  expect([E2E.webUrl, `http://localhost:${E2E.webPort}`]).toContain(origin);
  expect(body.links.alerts).toBe(`${origin}/alerts?project=${body.project.slug}`);
  const testEvent = page.getByTestId("alert-event").filter({ hasText: "Runaway cost" }).first();
  await expect(testEvent).toContainText("test");
  await expect(testEvent.getByTestId("delivery")).toHaveText("test: #1 delivered · HTTP 200");
  await expect(testEvent.getByTestId("event-run-link")).toHaveCount(0);

  // A real run over the threshold fires the rule; its notification links to the run and the span, in their project.
  const costly = await runScenario("runaway-cost", { endpoint: E2E.otlpHttpUrl, headers: { Authorization: `Bearer ${own.apiKey}` }, protocol: "http/protobuf" });
  await expect.poll(() => hooks.filter((h) => JSON.parse(h.raw).type === "firing").length, { timeout: 30_000 }).toBeGreaterThan(0);
  const fired = JSON.parse(hooks.find((h) => JSON.parse(h.raw).type === "firing")!.raw) as typeof body;
  expect(fired.run?.traceId).toBe(costly.traceId);
  expect(fired.run?.url).toBe(`${origin}/runs/${costly.traceId}?project=${fired.project.slug}`);
  expect(fired.span?.url).toBe(`${origin}/runs/${costly.traceId}?project=${fired.project.slug}&span=${fired.span!.spanId}`);

  // The history shows the alert, its delivery, and links to the run with the span selected.
  await page.reload();
  const event = page.getByTestId("alert-event").filter({ hasText: "Runaway cost" }).filter({ hasText: "fired" }).first();
  const link = event.getByTestId("event-run-link");
  await expect(link).toHaveAttribute("href", `/runs/${costly.traceId}?span=${fired.span!.spanId}`);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/alerts-history.png`, fullPage: true });

  // Edit the threshold, then disable the rule.
  await row.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: "Edit alert rule" });
  await expect(edit.getByLabel("Kind")).toBeDisabled();
  await edit.getByLabel("Threshold (USD)").fill("1");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(row).toContainText("run cost ≥ $1.00");
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("disabled");
  await expect(row.getByRole("button", { name: "Enable" })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/alerts-rules.png`, fullPage: true });

  // The history link opens the run page with the span in the URL.
  await link.click();
  // The app adds the project to the address, so the URL is a link any member can open.
  await expect(page).toHaveURL(new RegExp(`/runs/${costly.traceId}\\?span=${fired.span!.spanId}&project=(?:${fired.project.slug}|${own.projectId})$`));
});

test("the alerts API: strict input, rules and events with a key of the admin scope", async ({ page, request }) => {
  // Rules are settings: the first-start key (ingest + read) may not write them; an admin makes a key that may.
  await login(page);
  const made = await page.request.post("/api/v1/keys", { data: { name: "alerts-admin", scopes: ["read", "admin"] } });
  expect(made.status(), await made.text()).toBe(201);
  const auth = { authorization: `Bearer ${(await made.json()).key.secret as string}` };
  const refused = await request.post("/api/v1/alerts/rules", { headers: { authorization: `Bearer ${E2E.apiKey}` }, data: {} });
  expect((await refused.json()).error).toMatchObject({ code: "missing_scope", scope: "admin" });
  const bad = await request.post("/api/v1/alerts/rules", { headers: auth, data: { name: "x", kind: "run_cost", threshold: 1, webhookUrl: hookUrl, windowSec: 60 } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe("invalid_request");
  const created = await request.post("/api/v1/alerts/rules", {
    headers: auth,
    data: { name: "Spend per user", kind: "window_cost", threshold: 5, windowSec: 3600, scope: "user", config: { dailyBudgetUsd: 20 }, webhookUrl: hookUrl, slackFormat: true },
  });
  expect(created.status()).toBe(201);
  const { rule, webhookSecret } = await created.json();
  expect(webhookSecret).toMatch(/^whsec_/);
  expect(rule).toMatchObject({ kind: "window_cost", windowSec: 3600, scope: "user", hasSecret: true, slackFormat: true });
  expect(JSON.stringify((await (await request.get("/api/v1/alerts/rules", { headers: auth })).json()).rules)).not.toContain(webhookSecret);
  const events = await request.get(`/api/v1/alerts/events?ruleId=${rule.id}`, { headers: auth });
  expect(await events.json()).toEqual({ events: [], nextCursor: null });
  expect((await request.get("/api/v1/alerts/events?bogus=1", { headers: auth })).status()).toBe(400);
  expect((await request.delete(`/api/v1/alerts/rules/${rule.id}`, { headers: auth })).status()).toBe(200);
  expect((await request.delete(`/api/v1/alerts/rules/${rule.id}`, { headers: auth })).status()).toBe(404);
});
