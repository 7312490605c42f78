/**
 * The run page end to end: a failed run and a looping run go through the real OTLP
 * exporter into the real app; in the browser the runs list leads to the failed run,
 * whose onset step is highlighted with its evidence and downstream chain; a span opens
 * from a deep link; the DAG draws the run's agents, tools and models and a click on one
 * filters the tree; the cost tab draws its charts; the loop run shows what its loop
 * wasted. Screenshots of every view go to e2e/output/screenshots/.
 */
import type { FailureExpectations, LoopExpectations } from "@onset/examples";
import { expect, test, type Page } from "@playwright/test";
import { SCREENSHOT_DIR } from "../support/env";
import { login } from "../support/login";
import { apiJson, sendScenario } from "../support/run-data";

interface Analysis {
  onset: { spanId: string; evidence: { text: string }[] } | null;
  chain: { spanId: string }[];
  loops: { spanIds: string[]; wastedTokens: number; wastedCostUsd: number }[];
  dag: { nodes: { id: string; count: number }[] };
}

let failure: FailureExpectations;
let loop: LoopExpectations;

test.beforeAll(async () => {
  const f = await sendScenario("failure");
  const l = await sendScenario("loop");
  if (f.expectations.scenario !== "failure" || l.expectations.scenario !== "loop") throw new Error("unexpected scenario expectations");
  failure = f.expectations;
  loop = l.expectations;
});

const tree = (page: Page) => page.getByTestId("run-tree");
const spanRow = (page: Page, spanId: string) => tree(page).locator(`[role="treeitem"][data-span-id="${spanId}"]`);

/**
 * The tree is virtualized (only rows in view exist), so to see every row this scrolls
 * it top to bottom and collects `attr` of each span row met on the way.
 */
async function scanSpanRows(page: Page, attr: string): Promise<Map<string, string | null>> {
  const seen = await tree(page).evaluate(async (el, name) => {
    const out: [string, string | null][] = [];
    for (let top = 0; ; top += el.clientHeight / 2) {
      el.scrollTop = top;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      for (const row of Array.from(el.querySelectorAll('[role="treeitem"][data-span-id]'))) out.push([row.getAttribute("data-span-id")!, row.getAttribute(name)]);
      if (top >= el.scrollHeight - el.clientHeight) break;
    }
    el.scrollTop = 0;
    return out;
  }, attr);
  return new Map(seen);
}

test("the failed run shows its onset step with evidence and the chain it spoiled", async ({ page }) => {
  const traceId = failure.runs[0]!.traceId;
  await login(page);
  const link = page.locator(`a[href^="/runs/${traceId}?"]`); // the link names the project too
  await expect(link).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runs-list.png`, fullPage: true });
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/runs/${traceId}\\?project=[\\w-]+$`));

  await expect(page.getByTestId("run-header")).toContainText(failure.runs[0]!.rootSpanName);
  await expect(page.getByTestId("run-header")).toContainText("error");
  const card = page.getByTestId("onset-card");
  await expect(card).toBeVisible();
  // The onset is the decision that made the wrong edit (examples' expectations), named by its LLM span.
  await expect(page.getByTestId("onset-link")).toHaveAttribute("href", `?span=${failure.onset.chatSpanId}`);
  await expect(page.getByTestId("onset-confidence")).toContainText(/confidence \d+%/);
  // The banner says in plain words what went wrong and what it spoiled, quoting the real
  // error text: the failing test's assertion and the run's own error.
  const headline = page.getByTestId("onset-headline");
  await expect(headline).toContainText(/^Step \d+ by \S+ made a change after which the check failed and never passed again/);
  await expect(page.getByTestId("onset-quote")).toHaveText(/^assert [\d.]+ == [\d.]+$/);
  await expect(headline).toContainText(/It spoiled \d+ later steps?, and the run failed/);
  await expect(page.getByTestId("run-error-quote")).toContainText("REJECTED");
  await expect(headline).not.toContainText("failing-check");
  // Evidence kinds and the confidence are explained on hover.
  await expect(page.getByTestId("onset-evidence").getByTestId("evidence-kind").first()).toHaveAttribute("title", /check .* failed/);
  await expect(page.getByTestId("onset-confidence")).toHaveAttribute("title", /How strongly the evidence points at this step/);
  const analysis = await apiJson<Analysis>(`/runs/${traceId}/analysis`);
  expect(analysis.onset?.spanId).toBe(failure.onset.chatSpanId);
  await expect(page.getByTestId("onset-evidence")).toContainText(analysis.onset!.evidence[0]!.text);
  await expect(page.getByTestId("onset-chain").locator("li")).toHaveCount(analysis.chain.filter((c) => c.spanId !== analysis.onset!.spanId).length);

  // In the tree: the onset's decision and its tool call are marked, and so is the chain.
  await expect(spanRow(page, failure.onset.chatSpanId)).toHaveAttribute("data-onset", "true");
  await expect(spanRow(page, failure.onset.spanId)).toHaveAttribute("data-onset", "true");
  await expect(tree(page).locator('[data-row-kind="step"][data-onset="true"]')).toHaveCount(1);
  const chained = [...(await scanSpanRows(page, "data-chain")).entries()].filter(([, v]) => v !== null).map(([id]) => id);
  expect(chained.sort()).toEqual(analysis.chain.filter((c) => c.spanId !== analysis.onset!.spanId).map((c) => c.spanId).sort());
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-failed-onset.png`, fullPage: true });

  // A chain link selects its step's span and scrolls the tree to it.
  const firstLink = page.getByTestId("onset-chain").locator("a").first();
  await firstLink.click();
  const chainSpan = new URL(page.url()).searchParams.get("span")!;
  await expect(spanRow(page, chainSpan)).toHaveAttribute("data-chain", /.+/);
  await expect(spanRow(page, chainSpan)).toBeInViewport();
  await expect(page.getByTestId("detail-chain")).toBeVisible();

  // Clicking the onset link selects the span and opens its detail with the onset note.
  await page.getByTestId("onset-link").click();
  await expect(page).toHaveURL(new RegExp(`span=${failure.onset.chatSpanId}`));
  await expect(page.getByTestId("detail-onset")).toBeVisible();
  await expect(page.getByTestId("span-input")).toBeVisible(); // the prompt, as a chat
});

test("a span opens from a deep link, selected, scrolled to and detailed", async ({ page }) => {
  const traceId = failure.runs[0]!.traceId;
  const exposed = failure.exposedBy; // the failing run_tests call
  await login(page);
  await page.goto(`/runs/${traceId}?span=${exposed.spanId}`);
  const row = spanRow(page, exposed.spanId);
  await expect(row).toHaveAttribute("aria-selected", "true");
  await expect(row).toBeInViewport();
  await expect(page.getByTestId("span-detail-name")).toHaveText(exposed.spanName);
  await expect(page.getByTestId("detail-tool")).toContainText(exposed.toolName);
  await expect(page.getByTestId("tool-result")).toContainText(/failed/i);
  await expect(page.getByTestId("attributes-table")).toContainText("process.exit.code");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-span-deep-link.png`, fullPage: true });

  // Tool arguments are JSON: shown pretty-printed.
  const args = page.getByTestId("tool-arguments");
  await expect(args).toHaveAttribute("data-format", "json");

  // Arrow keys walk the tree and keep the URL in step.
  await row.click();
  await page.keyboard.press("ArrowUp");
  await expect(page).not.toHaveURL(new RegExp(`span=${exposed.spanId}`));
});

test("the DAG draws the run's agents, tools and models, and a click filters the tree", async ({ page }) => {
  const traceId = failure.runs[0]!.traceId;
  const analysis = await apiJson<Analysis>(`/runs/${traceId}/analysis`);
  await login(page);
  await page.goto(`/runs/${traceId}`);
  await page.getByTestId("tab-dag").click();
  await expect(page).toHaveURL(/tab=dag/);
  await expect(page.getByTestId("dag-node")).toHaveCount(analysis.dag.nodes.length);
  await expect(page.locator(".react-flow__edge").first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-dag.png`, fullPage: true });

  const toolId = `tool:${failure.exposedBy.toolName}`;
  const node = analysis.dag.nodes.find((n) => n.id === toolId)!;
  await page.locator(`[data-testid="dag-node"][data-node-id="${toolId}"]`).click();
  await expect(page).toHaveURL(new RegExp(`filter=${encodeURIComponent(toolId)}`));
  await expect(page.getByTestId("tree-filter")).toContainText(failure.exposedBy.toolName);
  // Exactly that tool's calls remain as tool rows (their agents and steps stay as context).
  const toolRows = tree(page).locator('[data-row-kind="span"]', { hasText: failure.exposedBy.spanName });
  await expect(toolRows).toHaveCount(node.count);
  await expect(tree(page).locator('[data-row-kind="span"]', { hasText: "execute_tool read_file" })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-dag-filtered-tree.png`, fullPage: true });
  await page.getByTestId("tree-filter").getByRole("button", { name: "Show all" }).click();
  await expect(page.getByTestId("tree-filter")).toHaveCount(0);
});

test("the cost tab draws cost and token charts by model, agent, tool and step", async ({ page }) => {
  const traceId = failure.runs[0]!.traceId;
  await login(page);
  await page.goto(`/runs/${traceId}?tab=cost`);
  await expect(page.getByTestId("cost-view")).toBeVisible();
  await expect(page.getByTestId("cost-totals")).toContainText("$");
  for (const id of ["cost-by-model", "cost-by-agent", "cost-by-step"]) {
    await expect(page.getByTestId(id).locator(".recharts-bar-rectangle").first()).toBeVisible();
  }
  // Token bars are split into input/cache/output parts: the legend names them.
  await expect(page.getByTestId("cost-by-model")).toContainText("cache read");
  await expect(page.getByTestId("cost-by-model")).toContainText("output");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-cost.png`, fullPage: true });
});

test("the loop run shows its loop with the tokens and cost it wasted", async ({ page }) => {
  const traceId = loop.runs[0]!.traceId;
  const analysis = await apiJson<Analysis>(`/runs/${traceId}/analysis`);
  expect(analysis.loops.length).toBeGreaterThan(0);
  await login(page);
  await page.goto(`/runs/${traceId}`);
  const item = page.getByTestId("loop-item").first();
  await expect(item).toContainText(`×${loop.loop.repeats}`);
  await expect(item.getByTestId("loop-waste")).toContainText(/wasted [\d.,kM]+ tokens · \$\d/);
  // The banner quotes the repeated call and the run's own error (the turn budget ran out).
  await expect(page.getByTestId("onset-headline")).toContainText("started a loop the run never left");
  await expect(page.getByTestId("onset-quote")).toContainText(`${loop.loop.toolName}(`);
  await expect(page.getByTestId("run-error-quote")).toContainText("MaxTurnsExceeded");
  // Every repeat is marked in the tree from the first repeat on; the original call
  // before it is not (no LOOP badge a step above "loop starts").
  const marked = await scanSpanRows(page, "data-loop");
  const [original, ...repeats] = loop.loop.calls;
  expect(marked.get(original!.spanId), "the original call").toBeNull();
  for (const call of repeats) expect(marked.get(call.spanId), `loop call ${call.spanId}`).toBeTruthy();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-loop.png`, fullPage: true });
  await item.getByRole("link").first().click(); // the loop's first repeat
  await expect(page).toHaveURL(new RegExp(`span=${loop.onset.spanId}`));
  await expect(spanRow(page, loop.onset.spanId)).toContainText("loop starts");
  await expect(page.getByTestId("detail-loop")).toContainText("wasted");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-loop-span.png`, fullPage: true });
});

test("a run costing hundreds of times its siblings shows a runaway-cost finding with how its prompt grew", async ({ page }) => {
  // The comparison needs at least 3 other runs in the project: this spec's failure and
  // loop runs and a successful one (run alone, the spec must not rely on earlier specs' runs).
  await sendScenario("success");
  const { expectations } = await sendScenario("runaway-cost");
  if (expectations.scenario !== "runaway-cost") throw new Error("unexpected scenario expectations");
  const traceId = expectations.runs[0]!.traceId;
  await login(page);
  await page.goto(`/runs/${traceId}`);
  const finding = page.getByTestId("cost-finding").first();
  await expect(finding).toHaveAttribute("data-kind", "cost-outlier");
  await expect(finding).toContainText(/Runaway cost: This run cost \$\d+\.\d\d, \d+× the median/);
  await expect(finding).toContainText(/researcher's prompt grew from 24k to \d+k input tokens/);
  await expect(page.getByTestId("no-diagnosis")).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/run-runaway-cost.png`, fullPage: true });
  // The runs list's badge reads the count (RunSummary.costFindingCount).
  const { run } = await apiJson<{ run: { costFindingCount: number } }>(`/runs/${traceId}`);
  expect(run.costFindingCount).toBeGreaterThan(0);
  await finding.getByRole("link", { name: "first call" }).click();
  await expect(page).toHaveURL(/span=/);
  await expect(page.getByTestId("span-detail-name")).toContainText("chat");
});

test("the runs list filters by diagnosis and duration, every filter kept in the URL", async ({ page }) => {
  // Both runs were opened above, so their analysis (and the list badges) exist.
  const f = failure.runs[0]!.traceId;
  const l = loop.runs[0]!.traceId;
  const [{ run: fr }, { run: lr }] = await Promise.all([
    apiJson<{ run: { durationMs: number } }>(`/runs/${f}`),
    apiJson<{ run: { durationMs: number } }>(`/runs/${l}`),
  ]);
  await login(page);
  // Chosen at once, before the page may have added its project to the URL: the project is
  // added to the address as it is then, so the filter is kept (docs/run-page.md).
  await page.getByLabel("Diagnosis").selectOption("loops");
  await expect(page).toHaveURL(/hasLoops=true/);
  await expect(page.locator(`a[href^="/runs/${l}?"]`)).toBeVisible();
  await expect(page.locator(`a[href^="/runs/${f}?"]`)).toHaveCount(0);
  await page.getByRole("button", { name: "Clear all" }).click();
  await expect(page.locator(`a[href^="/runs/${f}?"]`)).toBeVisible();

  // A duration floor between the two runs keeps only the longer one.
  const longer = fr.durationMs > lr.durationMs ? f : l;
  const shorter = longer === f ? l : f;
  const floorS = Math.round((fr.durationMs + lr.durationMs) / 2 / 100) / 10;
  await page.getByRole("button", { name: /More filters/ }).click();
  // Typed filters apply when typing pauses: no Apply button.
  await page.getByTestId("runs-filters-more").locator("label", { hasText: "Duration" }).getByLabel("minimum").fill(String(floorS));
  await expect(page).toHaveURL(new RegExp(`minDurationMs=${Math.round(floorS * 1000)}`));
  await expect(page.locator(`a[href^="/runs/${longer}?"]`)).toBeVisible();
  await expect(page.locator(`a[href^="/runs/${shorter}?"]`)).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runs-list-filtered.png`, fullPage: true });
  // The link is the state: reloading keeps the filter and shows it in the form.
  await page.reload();
  await expect(page.getByTestId("runs-filters-more").locator("label", { hasText: "Duration" }).getByLabel("minimum")).toHaveValue(String(floorS));
  await expect(page.locator(`a[href^="/runs/${shorter}?"]`)).toHaveCount(0);
});

test("a run that does not exist says so and how to go on", async ({ page }) => {
  await login(page);
  await page.goto(`/runs/${"0".repeat(32)}`);
  await expect(page.getByTestId("run-error")).toContainText("Run not found");
  await expect(page.getByTestId("run-error").getByRole("link", { name: /runs list/ })).toBeVisible();
});
