/**
 * apiRoute with a contract, through a real database and a real key: one query-string rule
 * (empty values dropped), JSON bodies read one way (400 invalid_json, 415 without the
 * JSON content type from a browser), params parsed, and an answer that breaks its
 * contract is a 500 outside production.
 */
import { createApiKey, ensureProject, createUser } from "@onset/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { querySchema, type Endpoint } from "@/contracts/endpoint";
import { NextRequest } from "next/server";
import { serverContext } from "./context";
import { apiRoute } from "./route";
import { call, type Caller, type Handler } from "./test-support/route-client";
import { useTestServer } from "./test-support/test-server";

const echo = {
  params: z.object({ id: z.string().regex(/^\d+$/).transform(Number) }),
  query: querySchema({ status: z.enum(["ok", "error"]).optional(), n: z.coerce.number().optional() }),
  body: z.object({ name: z.string().min(1) }).strict(),
  response: z.object({ id: z.number(), status: z.string().nullable(), name: z.string() }),
} satisfies Endpoint;

const POST = apiRoute(async ({ params, query, body }) => ({ id: params.id, status: query.status ?? null, name: body.name }), {
  contract: echo,
  access: "read",
});
const BROKEN = apiRoute(async () => ({ id: "not a number", status: null, name: 1 }), { contract: { response: echo.response }, access: "read" });

describe("apiRoute contracts", () => {
  let server: Awaited<ReturnType<typeof useTestServer>>;
  let key: Caller;

  beforeAll(async () => {
    server = await useTestServer();
    const prisma = serverContext().prisma;
    const user = await createUser(prisma, "c@contract.test", "password-123");
    const { project } = await ensureProject(prisma, "contract", "Contract", { ownerId: user.id });
    key = { key: (await createApiKey(prisma, project.id, { scopes: ["read", "admin"] })).secret };
  });
  afterAll(async () => server?.close());

  it("parses params, query (empty values dropped) and body once", async () => {
    const res = await call(POST as Handler, key, "POST", "/v1/echo/7?status=&n=", { body: { name: "a" }, params: { id: "7" } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: 7, status: null, name: "a" });
  });

  it("answers 400 with the issues for a bad query, param or body", async () => {
    const q = await call(POST as Handler, key, "POST", "/v1/echo/7?status=maybe", { body: { name: "a" }, params: { id: "7" } });
    expect(q.status).toBe(400);
    expect(q.body.error.message).toContain("status");
    const unknown = await call(POST as Handler, key, "POST", "/v1/echo/7?colour=red", { body: { name: "a" }, params: { id: "7" } });
    expect(unknown.status).toBe(400);
    const p = await call(POST as Handler, key, "POST", "/v1/echo/x", { body: { name: "a" }, params: { id: "x" } });
    expect(p.status).toBe(400);
    const b = await call(POST as Handler, key, "POST", "/v1/echo/7", { body: { name: "" }, params: { id: "7" } });
    expect(b.status).toBe(400);
    expect(b.body.error.code).toBe("invalid_request");
  });

  it("answers 400 invalid_json for a body that is not JSON", async () => {
    const req = new NextRequest("http://localhost:3000/api/v1/echo/7", {
      method: "POST",
      headers: { authorization: `Bearer ${(key as { key: string }).key}`, "content-type": "application/json" },
      body: "{not json",
    });
    const res = await (POST as Handler)(req, { params: Promise.resolve({ id: "7" }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_json");
  });

  it("refuses an answer that breaks its contract with a 500 outside production", async () => {
    const res = await call(BROKEN as Handler, key, "POST", "/v1/broken");
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe("invalid_response");
    expect(res.body.error.message).toContain("id");
  });
});
