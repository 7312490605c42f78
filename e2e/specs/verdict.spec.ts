/**
 * A user's verdict on a run, end to end (issue 14 item 2): the demo's successful run goes
 * through the real OTLP exporter into a project of its own; on its run page the outcome
 * says it succeeded "from the instrumentation"; "Mark failed" re-analyzes it, the line
 * names who marked it and when, and a failure onset appears; "Clear verdict" brings the
 * run's own outcome back; "Mark succeeded" is the user's again. The JSON API beside it:
 * strict bodies, 404 outside the caller's project, keys need write rights.
 * Screenshots go to e2e/output/screenshots/.
 */
import { runScenario } from "@onset/examples";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E, SCREENSHOT_DIR } from "../support/env";
import { useIsolatedProject } from "../support/isolated-project";
import { login } from "../support/login";
import { postOtlpJson } from "../support/run-data";
import { unknownOutcomeRun } from "../support/unknown-outcome-run";
import { randomBytes } from "node:crypto";

interface VerdictBody {
  verdict: { outcome: string; note: string | null; givenBy: { kind: string; id: string; name: string }; givenAt: string } | null;
  outcome: { status: string; source: string; reason: string };
  outcomeSource: string | null;
  onsetSpanId: string | null;
}

/** Sends the demo's successful run into the project `apiKey` belongs to; returns its trace id. */
async function sendSuccessRun(apiKey: string): Promise<string> {
  const run = await runScenario("success", { endpoint: E2E.otlpHttpUrl, headers: { Authorization: `Bearer ${apiKey}` }, protocol: "http/protobuf" });
  return run.traceId;
}

/** Creates a key in the page's current project with the given scopes; returns its secret. */
async function keyWith(page: Page, name: string, scopes: string[]): Promise<string> {
  const res = await page.request.post("/api/v1/keys", { data: { name, scopes } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { key: { secret: string } }).key.secret;
}

const verdictUrl = (traceId: string) => `/api/v1/runs/${traceId}/verdict`;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function expectStatus(res: Awaited<ReturnType<APIRequestContext["get"]>>, status: number): Promise<VerdictBody> {
  const text = await res.text();
  expect(res.status(), text).toBe(status);
  return JSON.parse(text) as VerdictBody;
}

test("mark a run failed, see who said it and an onset appear, clear it, mark it succeeded", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page);
  const { apiKey } = await useIsolatedProject(page, "verdict ui");
  const traceId = await sendSuccessRun(apiKey);

  await page.goto("/runs");
  await page.locator(`a[href^="/runs/${traceId}?"]`).click();
  const bar = page.getByTestId("verdict-bar");
  const source = page.getByTestId("outcome-source");
  // The run's own outcome: its root span ended ok.
  await expect(bar).toHaveAttribute("data-outcome-source", "instrumentation");
  await expect(bar).toHaveAttribute("data-outcome", "succeeded");
  await expect(source).toHaveText("succeeded — from the instrumentation (root span ended with status ok)");
  await expect(page.getByTestId("onset-card")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Clear verdict" })).toHaveCount(0);

  await page.getByLabel("Verdict note").fill("the reviewer approved a fix that breaks rounding");
  await page.getByRole("button", { name: "Mark failed" }).click();
  await expect(bar).toHaveAttribute("data-outcome-source", "user");
  await expect(bar).toHaveAttribute("data-outcome", "failed");
  await expect(source).toHaveText(`marked failed by ${E2E.adminEmail} just now`);
  await expect(page.getByTestId("verdict-note")).toHaveText("Note: the reviewer approved a fix that breaks rounding");
  // Told the run failed, the analyzer localizes where it went wrong.
  await expect(page.getByTestId("onset-card")).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark failed" })).toBeDisabled();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/verdict-marked-failed.png`, fullPage: true });

  // The API agrees with the page, and names the user.
  const marked = await expectStatus(await page.request.get(verdictUrl(traceId)), 200);
  expect(marked.verdict).toMatchObject({ outcome: "failed", note: "the reviewer approved a fix that breaks rounding", givenBy: { kind: "user", name: E2E.adminEmail } });
  expect(marked.outcomeSource).toBe("user");
  expect(marked.onsetSpanId).not.toBeNull();
  const analysis = (await (await page.request.get(`/api/v1/runs/${traceId}/analysis`)).json()) as { outcome: { status: string }; outcomeSource: string; verdict: unknown; onset: unknown };
  expect([analysis.outcome.status, analysis.outcomeSource, analysis.onset !== null]).toEqual(["failed", "user", true]);

  await page.getByRole("button", { name: "Clear verdict" }).click();
  await expect(bar).toHaveAttribute("data-outcome-source", "instrumentation");
  await expect(source).toHaveText("succeeded — from the instrumentation (root span ended with status ok)");
  await expect(page.getByTestId("onset-card")).toHaveCount(0);
  await expect(page.getByTestId("verdict-note")).toHaveCount(0);

  await page.getByRole("button", { name: "Mark succeeded" }).click();
  await expect(bar).toHaveAttribute("data-outcome-source", "user");
  await expect(source).toHaveText(`marked succeeded by ${E2E.adminEmail} just now`);
  await expect(page.getByRole("button", { name: "Clear verdict" })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/verdict-marked-succeeded.png`, fullPage: true });

  // A reload reads the same verdict back from the server (the cache was recomputed with it).
  await page.reload();
  await expect(source).toHaveText(/^marked succeeded by .+ (just now|1 min ago)$/);
});

test("a run nobody says failed or succeeded shows where to look; marking it failed makes the first suspect the onset", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page);
  const { apiKey } = await useIsolatedProject(page, "verdict unknown");
  const traceId = randomBytes(16).toString("hex");
  const { body, ids } = unknownOutcomeRun(traceId);
  await postOtlpJson(body, apiKey);

  await page.goto("/runs");
  await page.locator(`a[href^="/runs/${traceId}?"]`).click();
  await expect(page.getByTestId("verdict-bar")).toHaveAttribute("data-outcome", "unknown");
  // No onset is claimed, but the steps the analysis would blame are named, with why.
  await expect(page.getByTestId("onset-card")).toHaveCount(0);
  await expect(page.getByTestId("no-diagnosis")).toHaveCount(0);
  const card = page.getByTestId("suspects-card");
  await expect(card).toContainText("Outcome unknown: where to look if this run failed");
  const first = card.getByTestId("suspect").first();
  await expect(first).toContainText("states 1,299.99, found in no tool result or input before it");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/verdict-unknown-suspects.png`, fullPage: true });
  await first.getByTestId("suspect-link").click();
  await expect(page).toHaveURL(new RegExp(`[?&]span=${ids.answer}`));

  await page.getByRole("button", { name: "Mark failed" }).click();
  await expect(page.getByTestId("verdict-bar")).toHaveAttribute("data-outcome", "failed");
  await expect(page.getByTestId("onset-card")).toBeVisible();
  await expect(page.getByTestId("onset-link")).toHaveAttribute("href", new RegExp(`span=${ids.answer}`));
  await expect(page.getByTestId("suspects-card")).toHaveCount(0);
});

test("the verdict API: strict bodies, 404 outside the caller's project, keys need write rights", async ({ page, request }) => {
  test.setTimeout(120_000);
  await login(page);
  const first = await useIsolatedProject(page, "verdict api a");
  const traceId = await sendSuccessRun(first.apiKey);
  const reader = await keyWith(page, "verdict reader", ["read"]);
  const writer = await keyWith(page, "verdict grader", ["read", "admin"]);

  // Bad bodies are the caller's 400, not a 500; nothing is stored.
  for (const data of [{ outcome: "maybe" }, { outcome: "failed", extra: 1 }, { outcome: "failed", note: "x".repeat(2001) }, {}, "not json"]) {
    const res = await page.request.post(verdictUrl(traceId), typeof data === "string" ? { data, headers: { "content-type": "application/json" } } : { data });
    expect(res.status(), `${JSON.stringify(data).slice(0, 60)}: ${await res.text()}`).toBe(400);
  }
  expect((await expectStatus(await page.request.get(verdictUrl(traceId)), 200)).verdict).toBeNull();
  // A bad trace id is 400; an unknown one 404.
  expect((await page.request.post(verdictUrl("xyz"), { data: { outcome: "failed" } })).status()).toBe(400);
  expect((await page.request.post(verdictUrl("f".repeat(32)), { data: { outcome: "failed" } })).status()).toBe(404);

  // A key that may only read gets the verdict but cannot give one.
  expect((await request.get(verdictUrl(traceId), { headers: bearer(reader) })).status()).toBe(200);
  expect((await request.post(verdictUrl(traceId), { headers: bearer(reader), data: { outcome: "failed" } })).status()).toBe(403);
  // A key with write rights can; the verdict names the key.
  const byKey = await expectStatus(await request.post(verdictUrl(traceId), { headers: bearer(writer), data: { outcome: "failed", note: "graded by CI" } }), 200);
  expect(byKey.verdict).toMatchObject({ outcome: "failed", note: "graded by CI", givenBy: { kind: "api_key", name: "verdict grader" } });
  expect([byKey.outcome.status, byKey.outcomeSource]).toEqual(["failed", "user"]);
  expect(Date.now() - Date.parse(byKey.verdict!.givenAt)).toBeLessThan(120_000);

  // Another project's session and keys see no such run.
  const second = await useIsolatedProject(page, "verdict api b");
  const other = await keyWith(page, "other grader", ["read", "admin"]);
  expect((await page.request.get(verdictUrl(traceId))).status()).toBe(404);
  // As the app's own client sends a write (lib/api-client.ts): declared JSON, same origin.
  expect((await page.request.delete(verdictUrl(traceId), { headers: { "content-type": "application/json" } })).status()).toBe(404);
  expect((await request.post(verdictUrl(traceId), { headers: bearer(other), data: { outcome: "succeeded" } })).status()).toBe(404);
  expect(second.projectId).not.toBe(first.projectId);

  // Taken back by the key that may write; taking back nothing is not an error.
  const cleared = await expectStatus(await request.delete(verdictUrl(traceId), { headers: bearer(writer) }), 200);
  expect([cleared.verdict, cleared.outcome.status, cleared.outcomeSource]).toEqual([null, "succeeded", "instrumentation"]);
  expect((await expectStatus(await request.delete(verdictUrl(traceId), { headers: bearer(writer) }), 200)).verdict).toBeNull();
  expect((await request.delete(verdictUrl(traceId), { headers: bearer(reader) })).status()).toBe(403);
});
