/**
 * Calls the web API's route handlers in-process, as a browser or a script would over
 * HTTP: a NextRequest with the session cookie (same-origin headers, as the browser sends
 * them) or an API key, and the handler's Response parsed back.
 */
import { NextRequest } from "next/server";

/** A route module's handler. */
export type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Who calls: a session cookie, an API key, or nobody. */
export type Caller = { session: string } | { key: string } | null;

/** The answer: status and parsed JSON body. */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions read arbitrary response fields
  body: any;
  headers: Headers;
}

const ORIGIN = "http://localhost:3000";

/** Sends `method path` with `body` (JSON) to `handler` as `caller`. */
export async function call(
  handler: Handler,
  caller: Caller,
  method: string,
  path: string,
  opts: { body?: unknown; params?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (caller && "session" in caller) headers.cookie = `onset_session=${caller.session}`;
  if (!caller || "session" in caller) {
    // A browser (logged in or not) sends these on its own pages' requests (csrf.ts).
    headers.origin = ORIGIN;
    headers["sec-fetch-site"] = "same-origin";
  }
  if (caller && "key" in caller) headers.authorization = `Bearer ${caller.key}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const req = new NextRequest(`${ORIGIN}/api${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** The session token a Set-Cookie header carries, if any. */
export function sessionFrom(headers: Headers): string | null {
  for (const c of headers.getSetCookie()) {
    const m = /^onset_session=([^;]+)/.exec(c);
    if (m) return m[1]!;
  }
  return null;
}
