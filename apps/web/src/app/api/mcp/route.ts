/**
 * /api/mcp: the Onset MCP server (@onset/mcp) over Streamable HTTP, stateless (a fresh
 * server per request, JSON answers, no session). It takes a project API key only
 * (Bearer, Basic or x-api-key, as the JSON API does) with the `read` scope; each tool's
 * read then goes through the /api/v1 handler of the same call (in-process-api.ts), so
 * the key sees exactly what it sees over the JSON API. docs/mcp.md.
 */
import { presentedKey } from "@onset/db";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { createOnsetMcpServer, OnsetClient } from "@onset/mcp";
import type { NextRequest } from "next/server";
import { ApiError } from "@/server/api-error";
import { authenticate } from "@/server/auth";
import { errorResponse } from "@/server/route";
import { inProcessApiFetch } from "./in-process-api";

export const dynamic = "force-dynamic";

async function handle(req: NextRequest): Promise<Response> {
  const key = presentedKey((name) => req.headers.get(name));
  try {
    // Keys only: a browser's session cookie is not an MCP client's credential (and a
    // cross-site page could otherwise make the browser send it).
    if (!key) throw new ApiError(401, "unauthorized", "send the project's API key as Authorization: Bearer <key> (read scope)");
    await authenticate(req, "read");
  } catch (err) {
    return errorResponse(err);
  }
  const client = new OnsetClient({ baseUrl: req.nextUrl.origin, apiKey: key.secret, fetch: inProcessApiFetch(req) });
  const server = createOnsetMcpServer(client);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    return await transport.handleRequest(req);
  } finally {
    // Stateless: with JSON answers the response is complete once handleRequest resolves.
    void server.close();
  }
}

/** POST /api/mcp: one JSON-RPC message (or batch) from an MCP client, answered as JSON. */
export const POST = handle;

/**
 * GET (a server-to-client event stream) and DELETE (ending a session): this server is
 * stateless and sends nothing unasked, so both are 405, as the MCP transport spec allows.
 */
function notAllowed(): Response {
  return Response.json(
    { error: { code: "method_not_allowed", message: "/api/mcp is stateless: POST JSON-RPC messages to it" } },
    { status: 405, headers: { allow: "POST" } },
  );
}
export const GET = notAllowed;
/** See GET. */
export const DELETE = notAllowed;
