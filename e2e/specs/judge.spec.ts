/**
 * The LLM judge end to end (issue 18): an admin points the project's judge at a local
 * fake OpenAI-compatible endpoint under Settings → Judge (the key stored sealed, never
 * shown again); the examples' failure demo goes through the real OTLP exporter; on its
 * run page "Ask the judge" shows the judge's pick beside the deterministic onset, its
 * category, rationale, tokens and cost; a malformed reply leaves the deterministic
 * onset standing and says why. Screenshots go to e2e/output/screenshots/.
 */
import { runScenario, startFakeChatEndpoint, type FailureExpectations, type FakeChatEndpoint, type FakeChatRequest } from "@onset/examples";
import { expect, test } from "@playwright/test";
import { E2E, SCREENSHOT_DIR } from "../support/env";
import { useIsolatedProject } from "../support/isolated-project";
import { login } from "../support/login";

let endpoint: FakeChatEndpoint;
test.beforeAll(async () => {
  endpoint = await startFakeChatEndpoint();
});
test.afterAll(async () => {
  await endpoint?.close();
});

/** Agrees with the deterministic onset the prompt names. */
function agree(req: FakeChatRequest) {
  const prompt = req.body.messages?.[1]?.content ?? "";
  const step = Number(/names step (\d+) as the onset/.exec(prompt)?.[1] ?? -1);
  return {
    content: `Here you go: {"onset_step": ${step}, "ranking": [${step}], "category": "wrong-edit", "explanation": "The edit <b>removed</b> the guard the tests rely on."}`,
    usage: { prompt_tokens: 4200, completion_tokens: 180 },
  };
}

test("set up the judge, ask it about a failed run, see its pick beside the onset, and a bad reply fall back", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page);
  const { apiKey } = await useIsolatedProject(page, "judge ui");

  await page.goto("/settings?tab=judge");
  const form = page.getByTestId("judge-settings");
  await form.getByTestId("judge-mode").selectOption("on_demand");
  await form.getByTestId("judge-base-url").fill(endpoint.baseUrl);
  await form.getByTestId("judge-model").fill("fake-judge-1");
  await form.getByTestId("judge-api-key").fill("sk-e2e-judge-key");
  await form.getByLabel("Price when the endpoint reports no cost: USD per million prompt tokens").fill("1");
  await form.getByLabel("… and per million completion tokens").fill("5");
  await form.getByTestId("judge-save").click();
  await expect(form.getByText("Saved.")).toBeVisible();
  await expect(form.getByText("API key (one is stored; type a new one to replace it)")).toBeVisible();
  await expect(form.getByTestId("judge-api-key")).toHaveValue("");
  await page.screenshot({ path: `${SCREENSHOT_DIR}judge-settings.png`, fullPage: true });
  const settings = await (await page.request.get("/api/v1/settings/judge")).text();
  expect(settings).not.toContain("sk-e2e-judge-key");

  const run = await runScenario("failure", { endpoint: E2E.otlpHttpUrl, headers: { Authorization: `Bearer ${apiKey}` }, protocol: "http/protobuf" });
  const e = run.expectations as FailureExpectations;
  endpoint.respond(agree);
  await page.goto(`/runs/${run.traceId}`);
  // The banner words the onset in a sentence; its link's title is the step's label, which the panel shows.
  const onsetText = (await page.getByTestId("onset-link").getAttribute("title")) ?? "";
  expect(onsetText).toMatch(/^Step \d+/);
  const panel = page.getByTestId("judge-panel");
  await expect(panel.getByText("The judge has not looked at this run yet.")).toBeVisible();
  await panel.getByTestId("ask-judge").click();
  await expect(panel.getByTestId("judge-status")).toHaveText("agrees");
  await expect(panel.getByTestId("judge-pick")).toContainText(onsetText);
  await expect(panel.getByTestId("judge-deterministic")).toHaveText(onsetText);
  await expect(panel.getByTestId("judge-category")).toHaveText("wrong-edit");
  // Untrusted text stays text.
  await expect(panel.getByTestId("judge-rationale")).toHaveText("The edit <b>removed</b> the guard the tests rely on.");
  // 4200 × $1/M + 180 × $5/M = $0.0051
  await expect(panel.getByTestId("judge-facts")).toContainText("4200 prompt + 180 completion tokens · $0.0051");
  expect(endpoint.requests.at(-1)!.authorization).toBe("Bearer sk-e2e-judge-key");
  expect(endpoint.requests.at(-1)!.body.model).toBe("fake-judge-1");
  expect(endpoint.requests.at(-1)!.body.messages![1]!.content).toContain(e.onset.toolName);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOT_DIR}judge-agrees.png`, fullPage: true });

  // Clicking the pick selects its span in the tree.
  await panel.getByTestId("judge-pick").getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`span=${e.onset.chatSpanId}`));

  endpoint.respond({ content: "I would rather not say." });
  await panel.getByTestId("ask-judge").click();
  await expect(panel.getByTestId("judge-status")).toHaveText("no answer");
  await expect(panel.getByTestId("judge-note")).toHaveText("no JSON object in the judge's reply; deterministic onset kept");
  await expect(page.getByTestId("onset-link")).toHaveAttribute("title", onsetText);
  await page.screenshot({ path: `${SCREENSHOT_DIR}judge-failed.png`, fullPage: true });
});

test("the judge is off by default: no button, and the API says 409", async ({ page }) => {
  await login(page);
  const { apiKey } = await useIsolatedProject(page, "judge off");
  const run = await runScenario("failure", { endpoint: E2E.otlpHttpUrl, headers: { Authorization: `Bearer ${apiKey}` }, protocol: "http/protobuf" });
  await page.goto(`/runs/${run.traceId}`);
  await expect(page.getByTestId("onset-card")).toBeVisible();
  await expect(page.getByTestId("judge-panel")).toHaveCount(0);
  const res = await page.request.post(`/api/v1/runs/${run.traceId}/judge`);
  expect(res.status()).toBe(409);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("judge_off");
});
