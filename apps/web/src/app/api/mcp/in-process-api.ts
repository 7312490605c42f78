/**
 * A `fetch` for the MCP tools served inside the web app: their JSON API reads go
 * straight to the /api/v1 route handlers in this process (no loopback HTTP), carrying
 * the MCP request's own credentials, so each read is authenticated and scope-checked
 * exactly as the same call over HTTP would be.
 */
import { NextRequest } from "next/server";
import * as diffRoute from "../v1/diff/route";
import * as analysisRoute from "../v1/runs/[traceId]/analysis/route";
import * as runRoute from "../v1/runs/[traceId]/route";
import * as spanRoute from "../v1/runs/[traceId]/spans/[spanId]/route";
import * as runsRoute from "../v1/runs/route";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The read routes the MCP tools call, with the names of their path parameters. */
const ROUTES: { pattern: RegExp; params: string[]; handler: Handler }[] = [
  { pattern: /^\/api\/v1\/runs$/, params: [], handler: runsRoute.GET as Handler },
  { pattern: /^\/api\/v1\/runs\/([^/]+)$/, params: ["traceId"], handler: runRoute.GET as Handler },
  { pattern: /^\/api\/v1\/runs\/([^/]+)\/spans\/([^/]+)$/, params: ["traceId", "spanId"], handler: spanRoute.GET as Handler },
  { pattern: /^\/api\/v1\/runs\/([^/]+)\/analysis$/, params: ["traceId"], handler: analysisRoute.GET as Handler },
  { pattern: /^\/api\/v1\/diff$/, params: [], handler: diffRoute.GET as Handler },
];

/** Headers that carry an API key (server/auth.ts): forwarded from the MCP request. */
const CREDENTIAL_HEADERS = ["authorization", "x-api-key"] as const;

/** A fetch answering GETs of the routes above in-process with `from`'s credentials; anything else is a 404. */
export function inProcessApiFetch(from: Request): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? "GET";
    const route = ROUTES.find((r) => r.pattern.test(url.pathname));
    if (method !== "GET" || !route) {
      return Response.json({ error: { code: "not_found", message: `${method} ${url.pathname} is not served to MCP tools` } }, { status: 404 });
    }
    const match = route.pattern.exec(url.pathname)!;
    const params = Object.fromEntries(route.params.map((name, k) => [name, decodeURIComponent(match[k + 1]!)]));
    const headers = new Headers({ accept: "application/json" });
    for (const h of CREDENTIAL_HEADERS) {
      const v = from.headers.get(h);
      if (v) headers.set(h, v);
    }
    return route.handler(new NextRequest(url, { method: "GET", headers, signal: init?.signal ?? undefined }), { params: Promise.resolve(params) });
  };
}
