/**
 * Settings as an admin uses them: an API key created (its secret shown once), used on the
 * JSON API, revoked and then refused; a price override added, listed and deleted; the
 * mapping diagnostics of real spans from both example conventions; the retention set
 * and cleared.
 */
import { runScenario } from "@onset/examples";
import { expect, test } from "@playwright/test";
import { E2E, SCREENSHOT_DIR } from "../support/env";
import { useIsolatedProject } from "../support/isolated-project";
import { login } from "../support/login";

/** Status of GET /api/v1/runs from the page with `key` as Bearer (the session cookie goes along and must not matter). */
async function runsStatusWith(page: import("@playwright/test").Page, key: string): Promise<number> {
  return page.evaluate(async (k) => (await fetch("/api/v1/runs", { headers: { authorization: `Bearer ${k}` } })).status, key);
}

test("create a key, see its secret once, use it, revoke it, see it refused", async ({ page, request }) => {
  await login(page);
  const { apiKey } = await useIsolatedProject(page, "settings-keys");
  await page.goto("/settings");
  await expect(page.getByTestId("keys-table")).toBeVisible();

  await page.getByLabel("New key name").fill("ci-agent");
  await page.getByLabel("Scope read").check(); // new keys send spans only unless asked
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("new-key-secret");
  await expect(shown).toContainText("shown only this once");
  const secret = await page.getByTestId("new-key-value").inputValue();
  expect(secret).toMatch(/^onset_sk_/);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-key-created.png`, fullPage: true });

  expect(await runsStatusWith(page, secret)).toBe(200);
  const row = page.locator('[data-testid="key-row"][data-key-name="ci-agent"]');
  await expect(row).toContainText(secret.slice(0, 13));
  await expect(row).toContainText("active");

  // Once dismissed, the secret is nowhere on the page, and a reload cannot bring it back.
  await page.getByRole("button", { name: "I have stored it" }).click();
  await expect(shown).toHaveCount(0);
  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  await row.getByRole("button", { name: "Revoke ci-agent" }).click();
  await expect(row).toContainText("Requests with this key will be refused");
  await row.getByRole("button", { name: "Revoke now" }).click();
  await expect(row).toContainText("revoked");
  expect(await runsStatusWith(page, secret)).toBe(401);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-keys.png`, fullPage: true });

  // A key may read, but not mint or revoke keys.
  const minted = await request.post("/api/v1/keys", { headers: { authorization: `Bearer ${apiKey}` }, data: { name: "sneaky" } });
  expect(minted.status()).toBe(403);
});

test("add a price override, see it listed and priced by name, delete it", async ({ page }) => {
  await login(page);
  await useIsolatedProject(page, "settings-prices");
  await page.goto("/settings?tab=prices");
  await expect(page.getByTestId("unpriced-models")).toContainText("Every model this project used has a price");

  await page.getByLabel("Model", { exact: true }).fill("acme-e2e-model");
  await page.getByLabel("Input price per million tokens").fill("1.5");
  await page.getByLabel("Output price per million tokens").fill("6");
  await page.getByRole("button", { name: "Add override" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved the price of acme-e2e-model" })).toBeVisible();
  const override = page.getByTestId("override-row").filter({ hasText: "acme-e2e-model" });
  await expect(override).toContainText("^acme-e2e-model$");
  await expect(override).toContainText("$1.50");
  await expect(override).toContainText("$6.00");

  await page.getByLabel("Search prices").fill("acme-e2e");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("prices-table")).toContainText("override");
  await page.getByLabel("Search prices").fill("sonnet");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("prices-table")).toContainText("claude");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-prices.png`, fullPage: true });

  await override.getByRole("button", { name: "Delete override acme-e2e-model" }).click();
  await expect(override).toHaveCount(0);
});

test("mapping diagnostics per instrumentation scope", async ({ page }) => {
  await login(page);
  const { apiKey } = await useIsolatedProject(page, "settings-diagnostics");
  for (const variant of ["genai", "openinference"] as const) {
    await runScenario("success", { endpoint: E2E.otlpHttpUrl, headers: { Authorization: `Bearer ${apiKey}` }, protocol: "http/protobuf", variant });
  }
  await page.goto("/settings?tab=diagnostics");
  const table = page.getByTestId("diagnostics-table");
  await expect(table).toBeVisible();
  await expect(page.getByTestId("diagnostics-row")).toHaveCount(2);
  await expect(table).toContainText("@onset/examples/genai");
  await expect(table).toContainText("@onset/examples/openinference");
  await expect(page.getByTestId("diagnostics-section")).toContainText("2 most recent runs");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-diagnostics.png`, fullPage: true });

  await page.goto("/settings?tab=projects");
  await expect(page.getByTestId("projects-table")).toContainText("current");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-projects.png`, fullPage: true });
});

test("set the project's retention in days, see it kept after a reload, clear it", async ({ page }) => {
  await login(page);
  await useIsolatedProject(page, "settings-retention");
  await page.goto("/settings?tab=retention");
  const days = page.getByLabel("Retention in days");
  await expect(days).toHaveValue("");
  await days.fill("0");
  await expect(page.getByText("A whole number of days from 1 to 36500, or empty.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();
  await days.fill("30");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("retention-saved")).toContainText("kept 30 days after they end");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/settings-retention.png`, fullPage: true });
  await page.reload();
  await expect(page.getByLabel("Retention in days")).toHaveValue("30");
  await page.getByLabel("Retention in days").fill("");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("retention-saved")).toContainText("kept forever");
});
