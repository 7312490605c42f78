/**
 * Cross-site request forgery defence for cookie-authenticated requests (the session
 * cookie is sent by the browser whichever page makes the request). Every request other
 * than GET/HEAD/OPTIONS that does not carry an API key must come from the app's own
 * origin, as the browser attests: `Sec-Fetch-Site: same-origin`, or an `Origin` whose
 * host is the app's (ONSET_PUBLIC_URL's, or the request's Host). A sibling origin
 * (another subdomain, another port) is refused. JSON bodies must say so in
 * Content-Type: a cross-site form can send text/plain without a preflight, but not
 * application/json. API-key requests are unaffected: no browser attaches a key by itself.
 */
import { presentedKey } from "@onset/db";
import type { NextRequest } from "next/server";
import { ApiError } from "./api-error";
import { ownHosts, publicOrigin, type Env } from "./request-origin";

/** What a route's body is: JSON (the default) or raw bytes (uploads). */
export type BodyKind = "json" | "raw";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether the request's Origin / Sec-Fetch-Site place it on the app's own origin. */
export function isSameOrigin(req: NextRequest, env: Env = process.env): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site === "same-origin") return true;
  if (site !== null && site !== "none") return false; // cross-site or same-site: never
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (publicOrigin(env) === url.origin) return true;
  return ownHosts(req, env).has(url.host.toLowerCase());
}

/** True when the request has a body (a declared length above zero, or a chunked one). */
function hasBody(req: NextRequest): boolean {
  const length = req.headers.get("content-length");
  if (length !== null) return Number(length) > 0;
  return req.headers.has("transfer-encoding") || req.body !== null;
}

/** True for application/json and application/*+json, with or without parameters. */
export function isJsonContentType(value: string | null): boolean {
  const type = (value ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/**
 * Throws 403 `cross_origin` for a state-changing request without an API key that is
 * not from the app's origin, and 415 `unsupported_media_type` for a body that is not
 * declared JSON on a JSON route. The route wrappers call this before authenticating.
 */
export function guardCookieRequest(req: NextRequest, body: BodyKind = "json", env: Env = process.env): void {
  if (SAFE.has(req.method.toUpperCase())) return;
  if (presentedKey((name) => req.headers.get(name))) return;
  if (!isSameOrigin(req, env)) {
    throw new ApiError(
      403,
      "cross_origin",
      "refused: a request made with the login cookie must come from this app's own pages (Origin or Sec-Fetch-Site is another site); scripts should use an API key",
    );
  }
  if (body === "json" && hasBody(req) && !isJsonContentType(req.headers.get("content-type"))) {
    throw new ApiError(415, "unsupported_media_type", "send the request body as JSON with Content-Type: application/json");
  }
}
