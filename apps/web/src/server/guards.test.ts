/**
 * The request guards through the real route handlers and a real database: a
 * cross-origin cookie POST is refused (403) and a JSON body with another content type
 * too (415), while the same request with an API key goes through; a backtracking price
 * pattern is refused; login failures are throttled (429 + Retry-After); an unknown
 * ?project= is a 404; a timed-out analysis answers 503; the session cookie is Secure
 * behind a trusted https proxy.
 */
import { AnalysisTimeoutError } from "@onset/analysis/worker";
import { createApiKey, createUser, ensureProject, openSession } from "@onset/db";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as login from "@/app/api/auth/login/route";
import * as prices from "@/app/api/v1/prices/route";
import * as runs from "@/app/api/v1/runs/route";
import { serverContext } from "./context";
import { errorResponse } from "./route";
import { call, type Caller, type Handler } from "./test-support/route-client";
import { useTestServer } from "./test-support/test-server";

const h = (f: unknown) => f as Handler;
const price = { modelPattern: "^acme$", inputPerMtok: 1, outputPerMtok: 2 };

/** A POST as a browser page on `origin` would send it, with the session cookie. */
async function browserPost(handler: Handler, token: string, path: string, opts: { origin: string; site: string; type: string; body: string }) {
  const req = new NextRequest(`http://localhost:3000/api${path}`, {
    method: "POST",
    headers: { cookie: `onset_session=${token}`, origin: opts.origin, "sec-fetch-site": opts.site, "content-type": opts.type, host: "localhost:3000" },
    body: opts.body,
  });
  const res = await handler(req, { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
}

describe("request guards at the API", () => {
  let server: Awaited<ReturnType<typeof useTestServer>>;
  let owner: Caller;
  let token = "";
  let adminKey: Caller;

  beforeAll(async () => {
    server = await useTestServer();
    const { prisma } = serverContext();
    const u = await createUser(prisma, "guard@a.test", "password-123");
    const p = (await ensureProject(prisma, "guarded", "Guarded", { ownerId: u.id })).project;
    token = (await openSession(prisma, u.id)).token;
    owner = { session: token };
    adminKey = { key: (await createApiKey(prisma, p.id, { name: "ops", scopes: ["read", "admin"] })).secret };
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses a cross-origin cookie POST with 403 and creates nothing", async () => {
    const before = (await call(h(prices.GET), owner, "GET", "/v1/prices?q=acme")).body.prices.length;
    const res = await browserPost(h(prices.POST), token, "/v1/prices", {
      origin: "https://evil.example",
      site: "cross-site",
      type: "text/plain",
      body: JSON.stringify(price),
    });
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe("cross_origin");
    expect((await call(h(prices.GET), owner, "GET", "/v1/prices?q=acme")).body.prices.length).toBe(before);
  });

  it("refuses a same-origin cookie POST whose JSON body is not declared JSON (415)", async () => {
    const res = await browserPost(h(prices.POST), token, "/v1/prices", {
      origin: "http://localhost:3000",
      site: "same-origin",
      type: "text/plain;charset=UTF-8",
      body: JSON.stringify(price),
    });
    expect(res.status).toBe(415);
    expect(res.body.error?.code).toBe("unsupported_media_type");
  });

  it("accepts the same-origin JSON POST, and API-key requests are unaffected by the guard", async () => {
    expect((await call(h(prices.POST), owner, "POST", "/v1/prices", { body: price })).status).toBe(201);
    const req = new NextRequest("http://localhost:3000/api/v1/prices", {
      method: "POST",
      headers: { authorization: `Bearer ${(adminKey as { key: string }).key}`, "content-type": "application/json" },
      body: JSON.stringify({ ...price, modelPattern: "^acme-2$" }),
    });
    expect((await h(prices.POST)(req, { params: Promise.resolve({}) })).status).toBe(201);
  });

  it("refuses a backtracking-prone or non-RE2 price pattern with 400", async () => {
    const lookahead = await call(h(prices.POST), owner, "POST", "/v1/prices", { body: { ...price, modelPattern: "^(?!x)a" } });
    expect(lookahead.status).toBe(400);
    expect(lookahead.body.error.code).toBe("invalid_pattern");
    // ^(a+)+$ is accepted: RE2 matches it in linear time (packages/db model-pattern.test.ts).
    expect((await call(h(prices.POST), owner, "POST", "/v1/prices", { body: { ...price, modelPattern: "^(a+)+$" } })).status).toBe(201);
  });

  it("answers an unknown ?project= with 404 instead of falling back to another project", async () => {
    const res = await call(h(runs.GET), owner, "GET", "/v1/runs?project=no-such-project");
    expect(res.status).toBe(404);
  });

  it("throttles failed logins per account: 429 with Retry-After, and the right password waits too", async () => {
    const attempt = (password: string, address = "203.0.113.7") =>
      h(login.POST)(
        new NextRequest("http://localhost:3000/api/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json", "sec-fetch-site": "same-origin", "x-forwarded-for": address },
          body: JSON.stringify({ email: "guard@a.test", password }),
        }),
        { params: Promise.resolve({}) },
      );
    for (let i = 0; i < 5; i++) expect((await attempt("wrong")).status).toBe(401);
    expect((await attempt("wrong")).status).toBe(401); // the 6th failure starts the backoff
    const locked = await attempt("password-123", "198.51.100.1");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe("too_many_attempts");
  });

  it("sets the session cookie Secure behind a trusted https proxy", async () => {
    process.env.ONSET_TRUST_PROXY = "1";
    try {
      const res = await h(login.POST)(
        new NextRequest("http://localhost:3000/api/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json", "sec-fetch-site": "same-origin", "x-forwarded-proto": "https", "x-forwarded-for": "192.0.2.9" },
          body: JSON.stringify({ email: "second@a.test", password: "nope" }),
        }),
        { params: Promise.resolve({}) },
      );
      expect(res.status).toBe(401);
      const { prisma } = serverContext();
      await createUser(prisma, "second@a.test", "password-456");
      const ok = await h(login.POST)(
        new NextRequest("http://localhost:3000/api/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json", "sec-fetch-site": "same-origin", "x-forwarded-proto": "https", "x-forwarded-for": "192.0.2.9" },
          body: JSON.stringify({ email: "second@a.test", password: "password-456" }),
        }),
        { params: Promise.resolve({}) },
      );
      expect(ok.status).toBe(200);
      expect(ok.headers.getSetCookie().join("\n")).toMatch(/onset_session=[^;]+;.*Secure/i);
    } finally {
      delete process.env.ONSET_TRUST_PROXY;
    }
  });

  it("answers a timed-out analysis with 503 and its message", async () => {
    const res = errorResponse(new AnalysisTimeoutError(20_000));
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "analysis_timed_out",
      message: expect.stringMatching(/analysis timed out/),
    });
  });
});
