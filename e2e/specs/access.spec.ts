/**
 * Users, roles and keys in the browser (docs/security.md "Users, roles and keys"): the
 * admin invites a viewer from Settings → Members; the invitee opens the link in a fresh
 * browser, creates an account and sees only the invited project; as a viewer they cannot
 * write (403), and the admin's other project answers 404 by id and by slug. A key made
 * with the default scope (ingest) is refused on rules, prices and keys with 403 naming
 * the scope it lacks.
 */
import { expect, test, type Page } from "@playwright/test";
import { SCREENSHOT_DIR } from "../support/env";
import { useIsolatedProject } from "../support/isolated-project";
import { login } from "../support/login";

/** A same-origin fetch from the page (the browser adds Origin and Sec-Fetch-Site as for any UI call). */
function pageFetch(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: { error?: { code: string; message: string; scope?: string } } }> {
  return page.evaluate(
    async ([m, p, b]) => {
      const res = await fetch(p, {
        method: m,
        headers: b === undefined ? {} : { "content-type": "application/json" },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: res.status, body: await res.json().catch(() => ({})) };
    },
    [method, path, body] as const,
  );
}

test("an admin invites a viewer, who joins in a fresh browser and sees only that project", async ({ page, browser }) => {
  await login(page);
  // A project the invitee must never see, then the one they are invited into (selected last).
  const hidden = await useIsolatedProject(page, "access-hidden");
  const hiddenSlug = ((await (await page.request.get("/api/v1/projects")).json()) as { projects: { id: string; slug: string }[] }).projects.find(
    (p) => p.id === hidden.projectId,
  )!.slug;
  const shared = await useIsolatedProject(page, "access-shared");

  await page.goto("/settings?tab=members");
  await expect(page.getByTestId("members-table")).toContainText("owner");
  await page.getByLabel("Invite role").selectOption("viewer");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const url = await page.getByTestId("invite-url").inputValue();
  expect(url).toMatch(/\/invite#onset_inv_/);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/access-invite-link.png`, fullPage: true });
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("invite-row")).toHaveCount(1);

  // The invitee: a browser context of their own, no cookies.
  const theirs = await browser.newContext();
  const invitee = await theirs.newPage();
  const link = new URL(url);
  await invitee.goto(`${link.pathname}${link.hash}`);
  await expect(invitee.getByTestId("invite")).toContainText("as viewer");
  const email = `viewer-${Date.now().toString(36)}@onset.test`;
  await invitee.getByLabel("Email").fill(email);
  await invitee.getByLabel("Password").fill("viewer-password-1");
  await invitee.screenshot({ path: `${SCREENSHOT_DIR}/access-invite-accept.png`, fullPage: true });
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee).toHaveURL(/\/runs/);

  await invitee.goto("/settings?tab=projects");
  const table = invitee.getByTestId("projects-table");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table).toContainText("access-shared");
  await expect(table).toContainText("viewer");
  await expect(table).not.toContainText("access-hidden");
  await expect(table).not.toContainText("Default project");
  // The top bar's switcher offers the same one project.
  await expect(invitee.getByTestId("project-switcher").locator("option")).toHaveCount(1);
  await expect(invitee.getByTestId("project-switcher")).toContainText("(viewer)");
  await invitee.screenshot({ path: `${SCREENSHOT_DIR}/access-invitee-projects.png`, fullPage: true });

  // A viewer reads, but every write is refused.
  expect((await pageFetch(invitee, "GET", "/api/v1/runs")).status).toBe(200);
  const write = await pageFetch(invitee, "POST", "/api/v1/alerts/rules", { name: "x", kind: "run_cost", threshold: 1, webhookUrl: "http://127.0.0.1:9/x" });
  expect(write.status).toBe(403);
  expect(write.body.error?.message).toContain("yours in this project is viewer");
  expect((await pageFetch(invitee, "POST", "/api/v1/keys", { name: "mine" })).status).toBe(403);
  // The admin's other project does not exist for them, by id or by slug.
  for (const ref of [hidden.projectId, hiddenSlug]) {
    expect((await pageFetch(invitee, "GET", `/api/v1/runs?project=${encodeURIComponent(ref)}`)).status).toBe(404);
    expect((await pageFetch(invitee, "POST", `/api/v1/projects/${encodeURIComponent(ref)}/select`)).status).toBe(404);
  }
  // The link was used: opening it again says so.
  const again = await theirs.newPage();
  await again.goto(`${link.pathname}${link.hash}`);
  await expect(again.locator("p.error")).toContainText("unknown, used, revoked or expired");
  await theirs.close();

  // The admin sees the new member; the pending invite is gone.
  await page.reload();
  await expect(page.locator(`[data-testid="member-row"][data-email="${email}"]`)).toContainText("viewer");
  await expect(page.getByTestId("invite-row")).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/access-members.png`, fullPage: true });
  expect(shared.projectId).not.toBe(hidden.projectId);
});

test("a key with the default scope (ingest) gets 403 on rules, prices and keys", async ({ page, request }) => {
  await login(page);
  await useIsolatedProject(page, "access-keys");
  await page.goto("/settings");
  await page.getByLabel("New key name").fill("ingest-only");
  await expect(page.getByLabel("Scope ingest")).toBeChecked();
  await expect(page.getByLabel("Scope read")).not.toBeChecked();
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = await page.getByTestId("new-key-value").inputValue();
  await page.getByRole("button", { name: "I have stored it" }).click();
  await expect(page.locator('[data-testid="key-row"][data-key-name="ingest-only"]').getByTestId("key-scopes")).toHaveText("ingest");

  const auth = { authorization: `Bearer ${secret}` };
  for (const [method, path, data, scope] of [
    ["POST", "/api/v1/alerts/rules", { name: "x", kind: "run_cost", threshold: 1, webhookUrl: "http://127.0.0.1:9/x" }, "admin"],
    ["POST", "/api/v1/prices", { modelPattern: "^x$", inputPerMtok: 1, outputPerMtok: 1 }, "admin"],
    ["POST", "/api/v1/keys", { name: "sneaky" }, "admin"],
    ["GET", "/api/v1/keys", undefined, "read"],
  ] as const) {
    const res = await request.fetch(path, { method, headers: auth, data });
    expect(res.status(), `${method} ${path}`).toBe(403);
    const body = (await res.json()) as { error: { code: string; scope: string; message: string } };
    expect(body.error).toMatchObject({ code: "missing_scope", scope });
    expect(body.error.message).toContain(`lacks the "${scope}" scope`);
  }
  await page.reload();
  await expect(page.locator('[data-testid="key-row"][data-key-name="ingest-only"]')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/access-key-scopes.png`, fullPage: true });
});
