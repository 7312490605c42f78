/**
 * The run diff end to end: the contaminated pair (same task twice, a pasted question
 * reroutes the planner from coder to researcher) goes through the real OTLP exporter;
 * from the clean run we go to compare, pick the perturbed run among the candidates, and
 * see a strategy reroute (behavioral detour) with the first-divergence marker on the
 * rerouted step (docs/spec/run-diff.md §3, §5; examples/src/scenarios/contaminated-pair.ts).
 */
import { runScenario, type ContaminatedPairExpectations } from "@onset/examples";
import { expect, test } from "@playwright/test";
import { E2E, SCREENSHOT_DIR } from "../support/env";
import { useIsolatedProject } from "../support/isolated-project";
import { login } from "../support/login";

test("compare the contaminated pair: strategy reroute with t* at the rerouted step", async ({ page }) => {
  await login(page);
  const { apiKey } = await useIsolatedProject(page, "diff");
  const run = await runScenario("contaminated-pair", {
    endpoint: E2E.otlpHttpUrl,
    headers: { Authorization: `Bearer ${apiKey}` },
    protocol: "http/protobuf",
  });
  const exp = run.expectations as ContaminatedPairExpectations;
  const [clean, perturbed] = run.traceIds as [string, string];

  // From the clean run to the comparison picker: the run page's "Compare with…" (the app
  // adds the project to every address).
  await page.goto(`/runs/${clean}`);
  await page.getByTestId("compare-with").click();
  await expect(page).toHaveURL(new RegExp(`/diff\\?a=${clean}&project=[\\w-]+$`));

  const candidates = page.getByTestId("candidates-table");
  await expect(candidates).toBeVisible();
  await expect(candidates.locator("tbody tr")).toHaveCount(1); // the other run of the task, not the run itself
  await expect(candidates).toContainText("task");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/diff-picker.png`, fullPage: true });

  await candidates.getByRole("link", { name: /^compare with/i }).click();
  await expect(page).toHaveURL(new RegExp(`/diff\\?a=${clean}&b=${perturbed}&project=[\\w-]+$`));

  const verdict = page.getByTestId("diff-classification");
  await expect(verdict).toContainText("Strategy reroute");
  await expect(verdict).toContainText(exp.classification);
  await expect(page.getByTestId("diff-group")).toHaveText("behavioral detour");
  await expect(page.getByTestId("diff-counts")).toContainText(/Reroutes\s*1/);

  // The marker sits right above the rerouted step: coder in A, researcher in B.
  const marker = page.getByTestId("first-divergence-marker");
  await expect(marker).toContainText("routed to a different agent");
  const row = page.getByTestId("first-divergence-row");
  await expect(row).toContainText(`route → ${exp.firstDivergence.clean.agent}`);
  await expect(row).toContainText(`route → ${exp.firstDivergence.perturbed.agent}`);
  await expect(row).toHaveAttribute("data-op", "substitution");
  await expect(page.locator('[data-testid="first-divergence-marker"] + tr')).toHaveAttribute("data-testid", "first-divergence-row");
  // Each side links to its span in its run.
  await expect(row.locator(`a[href="/runs/${clean}?span=${exp.firstDivergence.clean.spanId}"]`)).toHaveCount(1);
  await expect(row.locator(`a[href="/runs/${perturbed}?span=${exp.firstDivergence.perturbed.spanId}"]`)).toHaveCount(1);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/diff-pair.png`, fullPage: true });
  await page.locator('[data-testid="first-divergence-marker"]').screenshot({ path: `${SCREENSHOT_DIR}/diff-tstar-marker.png` });
  await row.screenshot({ path: `${SCREENSHOT_DIR}/diff-tstar-row.png` });

  // The terms are said in plain words; what the method's figures mean is one click away.
  await expect(page.getByTestId("diff-plain")).toContainText(/The runs take the same steps for the first \d+ of \d+ aligned positions, then part \(\d+% of the way in\)/);
  await page.getByTestId("diff-glossary").locator("summary").click();
  await expect(page.getByTestId("diff-glossary")).toContainText("t*/T = 0.29 means the runs part 29% of the way in");
  await expect(page.getByTestId("diff-glossary")).toContainText("plan = which agent acts");

  // Content differences open inline and stay in the URL (deep link); the chip is not clipped.
  const contentToggle = page.getByRole("button", { name: "content differs" }).first();
  const chip = (await contentToggle.boundingBox())!;
  const cell = (await contentToggle.locator("xpath=..").boundingBox())!;
  expect(chip.x).toBeGreaterThanOrEqual(cell.x - 0.5);
  expect(chip.x + chip.width).toBeLessThanOrEqual(cell.x + cell.width + 0.5);
  expect(await contentToggle.evaluate((b) => b.scrollWidth <= b.clientWidth)).toBe(true);
  await contentToggle.click();
  await expect(page).toHaveURL(/[?&]pair=\d+/);
  await expect(page.locator("ins, del").first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/diff-content.png`, fullPage: false });
  await page.reload();
  await expect(page.getByRole("button", { name: "hide content" })).toBeVisible();
});

test("the diff API: the public shape, baselines, and runs of other projects", async ({ page, request }) => {
  await login(page);
  const { apiKey } = await useIsolatedProject(page, "diff-api");
  const run = await runScenario("contaminated-pair", {
    endpoint: E2E.otlpHttpUrl,
    headers: { Authorization: `Bearer ${apiKey}` },
    protocol: "http/json",
  });
  const exp = run.expectations as ContaminatedPairExpectations;
  const [clean, perturbed] = run.traceIds as [string, string];
  const auth = { authorization: `Bearer ${apiKey}` };

  const res = await request.get(`/api/v1/diff?a=${clean}&b=${perturbed}`, { headers: auth });
  expect(res.status()).toBe(200);
  const d = await res.json();
  expect(d).toMatchObject({
    classification: "strategy_reroute",
    group: "behavioral_detour",
    firstDivergence: { type: "different_agent_routed", spanIdA: exp.firstDivergence.clean.spanId, spanIdB: exp.firstDivergence.perturbed.spanId },
    counts: { reroutes: exp.reroutes },
    answerChanged: true,
  });
  expect(d.dNorm).toBeGreaterThan(0);
  expect(d.firstDivergence.relative).toBeGreaterThan(0);
  expect(d.firstDivergence.relative).toBeLessThan(1);
  expect(d.pairs.length).toBeGreaterThan(d.firstDivergence.index);
  expect(Object.keys(d.dimensions)).toEqual(["plan", "tools", "state"]);
  expect(d.pairs[0]).toHaveProperty("deltas");

  // One run against the successful runs of its task: the clean run is the only baseline.
  const group = await request.get(`/api/v1/diff?a=${perturbed}&baseline=auto`, { headers: auth });
  expect(group.status()).toBe(200);
  const g = await group.json();
  expect(g).toMatchObject({ mode: "baseline", runA: { traceId: clean }, runB: { traceId: perturbed }, classification: "strategy_reroute" });
  expect(g.baseline).toMatchObject({ auto: true, closestTraceId: clean, noiseFloor: null });

  // Candidates of the clean run: the perturbed one, by task.
  const cand = await request.get(`/api/v1/runs/${clean}/candidates`, { headers: auth });
  expect((await cand.json()).candidates.map((c: { run: { traceId: string }; matchedBy: string }) => [c.run.traceId, c.matchedBy])).toEqual([
    [perturbed, "task"],
  ]);

  // The e2e default project's key sees none of this project's runs.
  const other = await request.get(`/api/v1/diff?a=${clean}&b=${perturbed}`, { headers: { authorization: `Bearer ${E2E.apiKey}` } });
  expect(other.status()).toBe(404);
  expect((await other.json()).error.code).toBe("not_found");
  const bad = await request.get(`/api/v1/diff?a=${clean}`, { headers: auth });
  expect(bad.status()).toBe(400);

  // The same comparison as a page: the baseline group and its verdict.
  await page.goto(`/diff?a=${perturbed}&baseline=auto`);
  await expect(page.getByTestId("diff-baselines")).toContainText("One baseline");
  await expect(page.getByTestId("diff-run-a")).toContainText("closest baseline");
  await expect(page.getByTestId("diff-classification")).toContainText("Strategy reroute");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/diff-baseline.png`, fullPage: true });
});
