/**
 * What a new user sees after `onset demo`: the real command sends every scenario through
 * the real OTLP exporter; the runs list shows them all; the failure's onset is the wrong
 * edit; the loop is found with its wasted cost; the contaminated pair's diff is a
 * reroute (behavioral detour). Runs in a project of its own.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { SCREENSHOT_DIR } from "../support/env";
import { useIsolatedProject } from "../support/isolated-project";
import { login } from "../support/login";
import { runDemo } from "../support/run-demo";

interface Step {
  id: string;
  actions: { tool: string; kind: string }[];
}
interface Analysis {
  onset: { spanId: string; confidence: number; evidence: unknown[] } | null;
  steps: Step[];
  loops: { kind: string; spanIds: string[]; wastedTokens: number; wastedCostUsd: number }[];
}

async function getJson<T>(request: APIRequestContext, key: string, p: string): Promise<T> {
  const res = await request.get(`/api/v1${p}`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as T;
}

test("onset demo fills a project the analysis then explains", async ({ page, request }) => {
  test.setTimeout(120_000);
  await login(page);
  const { apiKey } = await useIsolatedProject(page, "demo");
  const sent = await runDemo(apiKey);
  const scenarios = new Set(sent.map((s) => s.scenario));
  expect([...scenarios].sort()).toEqual(["contaminated-pair", "failure", "long", "loop", "runaway-cost", "success"]);

  const listed = await getJson<{ runs: { traceId: string }[] }>(request, apiKey, "/runs?limit=100");
  const ids = new Set(listed.runs.map((r) => r.traceId));
  for (const s of sent) for (const id of s.traceIds) expect(ids.has(id), `${s.scenario} ${id} listed`).toBe(true);

  const traceOf = (scenario: string) => sent.find((s) => s.scenario === scenario && s.variant === "genai")!.traceIds;
  const failure = await getJson<Analysis>(request, apiKey, `/runs/${traceOf("failure")[0]}/analysis`);
  expect(failure.onset).not.toBeNull();
  const onsetStep = failure.steps.find((s) => s.id === failure.onset!.spanId);
  expect(onsetStep?.actions.map((a) => a.tool)).toContain("edit_file");

  const loop = await getJson<Analysis>(request, apiKey, `/runs/${traceOf("loop")[0]}/analysis`);
  expect(loop.loops.length).toBeGreaterThan(0);
  expect(Math.max(...loop.loops.map((l) => l.wastedCostUsd))).toBeGreaterThan(0);

  const [clean, perturbed] = traceOf("contaminated-pair");
  const diff = await getJson<{ classification: string; group: string; firstDivergence: { type: string } | null }>(
    request,
    apiKey,
    `/diff?a=${clean}&b=${perturbed}`,
  );
  expect(diff.classification).toBe("strategy_reroute");
  expect(diff.firstDivergence?.type).toBe("different_agent_routed");

  await page.goto("/runs");
  await expect(page.getByTestId("runs-table").locator("tbody tr")).toHaveCount(listed.runs.length);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runs-demo.png`, fullPage: true });
});
