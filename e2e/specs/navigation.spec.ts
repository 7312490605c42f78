/**
 * Getting around as a daily user does (issue 20 items 1-3, 8): every page's URL names its
 * project, so a link opened in a fresh session (after a login that comes back to it)
 * shows the same run; the current project and a switcher sit in the top bar of every
 * page; the runs list tells runs of one task apart (input → output or the error, trace
 * id with a copy button, a count), and runs ticked there are compared — two side by
 * side, or one with the nearest successful run of its task; the run page and the top
 * bar lead to the comparison too, and /diff alone lets you pick.
 */
import { runScenario, type ScenarioRun } from "@onset/examples";
import { expect, test, type Page } from "@playwright/test";
import { E2E, SCREENSHOT_DIR } from "../support/env";
import { useIsolatedProject } from "../support/isolated-project";
import { login } from "../support/login";

let success: ScenarioRun;
let failure: ScenarioRun;
let projectId: string;
let slug: string;

/** Logs in and, the first time, makes a project of its own with the same task run twice: once fine, once failing. */
async function setUp(page: Page): Promise<void> {
  await login(page);
  if (slug) {
    await page.request.post(`/api/v1/projects/${projectId}/select`);
    return;
  }
  const made = await useIsolatedProject(page, "navigation");
  projectId = made.projectId;
  const send = { endpoint: E2E.otlpHttpUrl, headers: { Authorization: `Bearer ${made.apiKey}` }, protocol: "http/protobuf" as const };
  success = await runScenario("success", send);
  failure = await runScenario("failure", send);
  const { projects } = (await (await page.request.get("/api/v1/projects")).json()) as { projects: { id: string; slug: string }[] };
  slug = projects.find((p) => p.id === projectId)!.slug;
}

test("the runs list tells runs of one task apart and compares the ticked ones", async ({ page, context }) => {
  await setUp(page);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/runs");
  // The address names the project as soon as the page knows it.
  await expect(page).toHaveURL(new RegExp(`/runs\\?project=${slug}$`));
  await expect(page.getByTestId("runs-count")).toHaveText("2 runs");
  const rows = page.getByTestId("runs-table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  const failed = page.locator(`tr[data-trace-id="${failure.traceId}"]`);
  const ok = page.locator(`tr[data-trace-id="${success.traceId}"]`);
  // Same task, same name: what tells them apart is the content, the error, the trace id.
  await expect(failed.getByTestId("run-preview").locator(".error")).not.toBeEmpty();
  await expect(ok.getByTestId("run-preview")).toContainText("→");
  await expect(ok.getByTestId("trace-id")).toContainText(success.traceId.slice(0, 12));
  await ok.getByRole("button", { name: `Copy trace id ${success.traceId}` }).click();
  await expect(ok.getByRole("button", { name: `Copy trace id ${success.traceId}` })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(success.traceId);
  // Run links carry the project, so "open in new tab" and "copy link" keep it.
  await expect(ok.getByRole("link", { name: /invoke_workflow/ })).toHaveAttribute("href", `/runs/${success.traceId}?project=${slug}`);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runs-list-previews.png`, fullPage: true });

  // One ticked: compare it with the nearest successful run of its task (that run is the reference, A).
  await failed.getByRole("checkbox").check();
  await expect(page.getByTestId("compare-bar")).toContainText("1 run selected");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runs-list-one-selected.png`, fullPage: true });
  await page.getByRole("button", { name: "Compare with the nearest successful run of its task" }).click();
  await expect(page).toHaveURL(new RegExp(`/diff\\?a=${success.traceId}&b=${failure.traceId}&project=${slug}$`));
  await expect(page.getByTestId("diff-classification")).toBeVisible();

  // Two ticked: the successful one is A whichever was ticked first.
  await page.goBack();
  await expect(rows).toHaveCount(2);
  await failed.getByRole("checkbox").check();
  await ok.getByRole("checkbox").check();
  await expect(page.getByTestId("compare-bar")).toContainText("2 runs selected");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/runs-list-two-selected.png`, fullPage: true });
  await page.getByRole("button", { name: "Compare the two runs" }).click();
  await expect(page).toHaveURL(new RegExp(`/diff\\?a=${success.traceId}&b=${failure.traceId}&project=${slug}$`));
  await expect(page.getByTestId("diff-classification")).toBeVisible();

  // The pair calls the same tools in the same order until the failing run edits the code
  // differently: that different decision is the first divergence, ahead of the method's
  // structural t*, which is still given.
  const marker = page.getByTestId("content-divergence-marker");
  await expect(marker).toContainText("first divergence");
  await expect(marker).toContainText("structurally the runs part later");
  const row = page.getByTestId("content-divergence-row");
  await expect(row).toHaveAttribute("data-op", "match");
  await expect(row.locator("td").nth(2)).toHaveText("≈");
  await expect(page.locator('[data-testid="content-divergence-marker"] + tr')).toHaveAttribute("data-testid", "content-divergence-row");
  await expect(page.getByTestId("diff-content-divergence")).toContainText(/position \d+ of \d+, step \d+/);
  await expect(page.getByTestId("diff-tstar")).toContainText(/position \d+ of \d+ \(t\*\/T = 0\.\d\d\)/);
  await expect(page.getByTestId("diff-plain")).toContainText("that is where they start doing different things");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/diff-content-divergence.png`, fullPage: true });
});

test("filters apply as they change, with no Apply button to suggest otherwise", async ({ page }) => {
  await setUp(page);
  await page.goto("/runs");
  await expect(page.getByRole("button", { name: "Apply" })).toHaveCount(0);
  await page.getByLabel("Search run names").fill("no-such-run-name");
  await expect(page).toHaveURL(/q=no-such-run-name/);
  await expect(page.getByText("No run matches these filters.")).toBeVisible();
  await page.getByLabel("Search run names").fill("");
  await expect(page.getByTestId("runs-count")).toHaveText("2 runs");
});

test("the top bar and the run page lead to the comparison; /diff alone lets you pick", async ({ page }) => {
  await setUp(page);
  await page.goto(`/runs/${failure.traceId}?project=${slug}`);
  // The run page's header: compare this run with another, candidates of its task first.
  await page.getByTestId("compare-with").click();
  await expect(page).toHaveURL(new RegExp(`/diff\\?a=${failure.traceId}&project=${slug}$`));
  await expect(page.getByTestId("candidates-table").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("candidates-table")).toContainText(success.traceId);

  // The top bar's Compare: pick two runs from the list itself.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compare" }).click();
  await expect(page).toHaveURL(new RegExp(`/diff\\?project=${slug}$`));
  await expect(page.getByTestId("diff-pick-intro")).toBeVisible();
  await expect(page.getByText(/open it from the runs list and press/)).toHaveCount(0); // no pointer to a button that is not there
  await page.locator(`tr[data-trace-id="${success.traceId}"]`).getByRole("checkbox").check();
  await page.locator(`tr[data-trace-id="${failure.traceId}"]`).getByRole("checkbox").check();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/diff-pick.png`, fullPage: true });
  await page.getByRole("button", { name: "Compare the two runs" }).click();
  await expect(page).toHaveURL(new RegExp(`/diff\\?a=${success.traceId}&b=${failure.traceId}&project=${slug}$`));
  await expect(page.getByTestId("diff-classification")).toBeVisible();
});

test("a run's link opens in a fresh session after a login that comes back to it", async ({ page, browser }) => {
  await setUp(page);
  await page.goto(`/runs/${failure.traceId}`);
  await expect(page).toHaveURL(new RegExp(`/runs/${failure.traceId}\\?project=${slug}$`));
  const link = new URL(page.url());
  const wanted = `${link.pathname}${link.search}`;

  // The same user with another project remembered: the link still shows its own project's run.
  const other = await page.request.post("/api/v1/projects", { data: { name: `elsewhere ${Date.now().toString(36)}` } });
  const { project: elsewhere } = (await other.json()) as { project: { id: string } };
  await page.request.post(`/api/v1/projects/${elsewhere.id}/select`);
  await page.goto(wanted);
  await expect(page.getByTestId("run-header")).toContainText("invoke_workflow");
  await expect(page.getByTestId("project-switcher")).toHaveValue(projectId);

  // A fresh browser: the login page, then straight back to the run.
  const fresh = await browser.newContext();
  const them = await fresh.newPage();
  await them.goto(wanted);
  await expect(them).toHaveURL(/\/login\?next=/);
  await them.getByLabel("Email").fill(E2E.adminEmail);
  await them.getByLabel("Password").fill(E2E.adminPassword);
  await them.getByRole("button", { name: "Log in" }).click();
  await expect(them).toHaveURL(new RegExp(`${wanted.replace(/[?]/g, "\\?")}$`));
  await expect(them.getByTestId("run-header")).toContainText("invoke_workflow");
  await expect(them.getByTestId("run-header")).not.toContainText("not found");
  await them.screenshot({ path: `${SCREENSHOT_DIR}/run-link-fresh-session.png`, fullPage: true });

  // Only a path on this site is a place to come back to.
  await fresh.clearCookies();
  await them.goto("/login?next=//evil.example/runs");
  await them.getByLabel("Email").fill(E2E.adminEmail);
  await them.getByLabel("Password").fill(E2E.adminPassword);
  await them.getByRole("button", { name: "Log in" }).click();
  await expect(them).toHaveURL(new RegExp(`^${E2E.webUrl}/runs`));
  await fresh.close();
});

test("the current project and the switcher are in the top bar of every page", async ({ page }) => {
  await setUp(page);
  for (const path of ["/runs", `/runs/${success.traceId}`, "/dashboard", "/alerts", "/settings", "/diff"]) {
    await page.goto(path);
    await expect(page.getByTestId("project-switcher"), path).toHaveValue(projectId);
    await expect(page, path).toHaveURL(new RegExp(`project=${slug}`));
  }
  await page.goto(`/runs/${success.traceId}`);
  await expect(page.getByTestId("run-header")).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/topbar-project.png` });
  // Switching from a run goes to that project's runs list (a run belongs to one project).
  const options = page.getByTestId("project-switcher").locator("option");
  const otherId = await options.evaluateAll((os, current) => os.map((o) => (o as HTMLOptionElement).value).find((v) => v !== current), projectId);
  await page.getByTestId("project-switcher").selectOption(otherId!);
  await expect(page).toHaveURL(/\/runs\?project=[^&]+$/);
  await expect(page).not.toHaveURL(new RegExp(`project=${slug}$`));
  await expect(page.getByTestId("project-switcher")).toHaveValue(otherId!);
});
