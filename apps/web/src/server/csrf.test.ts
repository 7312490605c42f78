/**
 * CSRF guard (csrf.ts) and what the web app believes about origins (request-origin.ts):
 * table-driven on real NextRequests, no database.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { guardCookieRequest, isJsonContentType } from "./csrf";
import { clientAddress, secureCookies } from "./request-origin";

const APP = "http://onset.example:3000";

function req(method: string, headers: Record<string, string>, body?: string): NextRequest {
  return new NextRequest(`${APP}/api/v1/prices`, { method, headers: { host: "onset.example:3000", ...headers }, body });
}

/** The status guardCookieRequest answers, or 0 when it lets the request through. */
function status(r: NextRequest, env: Record<string, string> = {}, kind: "json" | "raw" = "json"): number {
  try {
    guardCookieRequest(r, kind, env);
    return 0;
  } catch (err) {
    if (err instanceof ApiError) return err.status;
    throw err;
  }
}

const json = { "content-type": "application/json" };
const cookie = { cookie: "onset_session=t" };

describe("CSRF guard", () => {
  it.each([
    ["cross-site page posting with the cookie", { ...cookie, ...json, origin: "https://evil.example", "sec-fetch-site": "cross-site" }, 403],
    ["sibling origin (same-site, other subdomain)", { ...cookie, ...json, origin: "http://other.onset.example:3000", "sec-fetch-site": "same-site" }, 403],
    ["other port on the same host", { ...cookie, ...json, origin: "http://onset.example:4000" }, 403],
    ["no Origin and no Sec-Fetch-Site (cannot tell)", { ...cookie, ...json }, 403],
    ["Origin: null (sandboxed frame, data: URL)", { ...cookie, ...json, origin: "null" }, 403],
    ["the app's own page (Sec-Fetch-Site)", { ...cookie, ...json, "sec-fetch-site": "same-origin" }, 0],
    ["the app's own page (Origin = Host, older browser)", { ...cookie, ...json, origin: APP }, 0],
    ["an API key: no browser attaches one by itself", { authorization: "Bearer k", origin: "https://evil.example", "content-type": "text/plain" }, 0],
    ["same origin but the JSON body sent as text/plain (a form could)", { ...cookie, "sec-fetch-site": "same-origin", "content-type": "text/plain" }, 415],
    ["same origin, no content type", { ...cookie, "sec-fetch-site": "same-origin" }, 415],
    ["JSON with a charset", { ...cookie, "sec-fetch-site": "same-origin", "content-type": "application/json; charset=utf-8" }, 0],
  ])("POST %s -> %i", (_why, headers, expected) => {
    expect(status(req("POST", headers as Record<string, string>, "{}"))).toBe(expected);
  });

  it("lets GET and HEAD through whatever their origin", () => {
    expect(status(req("GET", { ...cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" }))).toBe(0);
    expect(status(req("HEAD", { ...cookie, "sec-fetch-site": "cross-site" }))).toBe(0);
  });

  it("checks DELETE too, and accepts it without a body or content type from the app", () => {
    expect(status(req("DELETE", { ...cookie, "sec-fetch-site": "cross-site" }))).toBe(403);
    expect(status(req("DELETE", { ...cookie, "sec-fetch-site": "same-origin" }))).toBe(0);
  });

  it("accepts ONSET_PUBLIC_URL's origin when the Host differs (behind a proxy)", () => {
    const r = new NextRequest("http://10.0.0.5:3000/api/v1/prices", {
      method: "POST",
      headers: { ...cookie, ...json, host: "10.0.0.5:3000", origin: "https://onset.example.com" },
      body: "{}",
    });
    expect(status(r, { ONSET_PUBLIC_URL: "https://onset.example.com/" })).toBe(0);
    expect(status(r, {})).toBe(403);
  });

  it("takes raw bodies on routes that declare them, still same-origin only", () => {
    expect(status(req("POST", { ...cookie, "sec-fetch-site": "same-origin", "content-type": "application/octet-stream" }, "x"), {}, "raw")).toBe(0);
    expect(status(req("POST", { ...cookie, "sec-fetch-site": "cross-site", "content-type": "application/octet-stream" }, "x"), {}, "raw")).toBe(403);
  });

  it("knows JSON content types", () => {
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType("application/merge-patch+json")).toBe(true);
    expect(isJsonContentType("text/plain")).toBe(false);
    expect(isJsonContentType(null)).toBe(false);
  });
});

describe("request origin facts", () => {
  it("sets Secure when the public URL is https, or a trusted proxy says https", () => {
    const plain = req("POST", {});
    const forwarded = req("POST", { "x-forwarded-proto": "https" });
    expect(secureCookies(plain, { ONSET_PUBLIC_URL: "https://onset.example.com" })).toBe(true);
    expect(secureCookies(forwarded, { ONSET_TRUST_PROXY: "1" })).toBe(true);
    expect(secureCookies(forwarded, {})).toBe(false); // anyone can send the header to an exposed server
    expect(secureCookies(plain, { ONSET_TRUST_PROXY: "1" })).toBe(false);
  });

  it("takes the client address from the last X-Forwarded-For hop", () => {
    expect(clientAddress(req("POST", { "x-forwarded-for": "1.2.3.4, 10.0.0.1" }))).toBe("10.0.0.1");
    expect(clientAddress(req("POST", {}))).toBe("unknown");
  });
});
