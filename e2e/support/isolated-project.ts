/**
 * A project of its own for a spec that sends data, so specs that expect an empty default
 * project (foundation.spec.ts) pass in any order. Uses the settings API as an admin does:
 * create the project, make it the one the pages show, create a key in it.
 */
import { expect, type Page } from "@playwright/test";

/** The project a spec works in and the key that sends spans to it. */
export interface IsolatedProject {
  projectId: string;
  apiKey: string;
}

/** Creates a project named `name` (unique per call), selects it for this browser context and creates an ingest+read key in it. */
export async function useIsolatedProject(page: Page, name: string): Promise<IsolatedProject> {
  // page.request shares the page's cookies: the session goes with it, the project cookie comes back.
  const created = await page.request.post("/api/v1/projects", { data: { name: `${name} ${Date.now().toString(36)}` } });
  expect(created.status(), await created.text()).toBe(201);
  const { project } = (await created.json()) as { project: { id: string } };
  const selected = await page.request.post(`/api/v1/projects/${project.id}/select`);
  expect(selected.status(), await selected.text()).toBe(200);
  // Specs send spans with it and read them back: ingest + read (new keys default to ingest only).
  const key = await page.request.post("/api/v1/keys", { data: { name: `${name} sender`, scopes: ["ingest", "read"] } });
  expect(key.status(), await key.text()).toBe(201);
  const { key: created_ } = (await key.json()) as { key: { secret: string; projectId: string } };
  expect(created_.projectId).toBe(project.id);
  return { projectId: project.id, apiKey: created_.secret };
}
