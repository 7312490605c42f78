/**
 * Cross-site request forgery in a real browser: a page on a sibling origin (same host,
 * another port: the same "site", so the SameSite=Lax login cookie goes along) posts to
 * the JSON API as a form and with fetch. Both are refused with 403 and nothing is made;
 * the app's own pages still write (docs/security.md "Requests from browsers").
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { E2E } from "../support/env";
import { login } from "../support/login";

// The browser's own headers only: the config's Origin header for page.request calls
// would stand in for what the attacking page's requests really carry.
test.use({ extraHTTPHeaders: {} });

/** A one-page site on 127.0.0.1 (another port than Onset's) serving `html`. */
async function siblingSite(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

test("a sibling origin cannot use the login cookie to write; the app's own pages can", async ({ page }) => {
  await login(page);
  const pricesUrl = `${E2E.webUrl}/api/v1/prices`;
  // A text/plain form whose body parses as a valid price override: `name=value` lands
  // inside the modelName string. Before the guard, req.json() took it.
  const name = '{"modelPattern":"^csrf-form$","inputPerMtok":1,"outputPerMtok":1,"modelName":"a';
  const site = await siblingSite(`<!doctype html>
    <form method="POST" action="${pricesUrl}" enctype="text/plain"><input type="hidden" name='${name}' value='b"}'></form>
    <button id="fetch" onclick="fetch('${pricesUrl}', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ modelPattern: '^csrf-fetch$', inputPerMtok: 1, outputPerMtok: 1 }) }).then(() => document.title = 'sent')">fetch</button>
    <button id="form" onclick="document.forms[0].submit()">form</button>`);
  try {
    // fetch first (it stays on the page), then the form (it navigates to the answer).
    const fetched = page.waitForResponse((r) => r.url() === pricesUrl && r.request().method() === "POST");
    await page.goto(site.url);
    await page.click("#fetch");
    const viaFetch = await fetched;
    expect(viaFetch.status()).toBe(403);

    const posted = page.waitForResponse((r) => r.url() === pricesUrl && r.request().method() === "POST");
    await page.click("#form");
    const viaForm = await posted;
    expect(viaForm.status()).toBe(403);
    expect(await viaForm.text()).toContain("cross_origin");
  } finally {
    await site.close();
  }

  // Nothing was made; a write from the app's own origin still works.
  await page.goto("/settings");
  const listed = await page.evaluate(async () => (await (await fetch("/api/v1/prices?q=csrf")).json()) as { prices: { modelPattern: string }[] });
  expect(listed.prices.map((p) => p.modelPattern)).toEqual([]);
  const own = await page.evaluate(async () =>
    (await fetch("/api/v1/prices", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ modelPattern: "^csrf-own$", inputPerMtok: 1, outputPerMtok: 1 }) })).status,
  );
  expect(own).toBe(201);
});
