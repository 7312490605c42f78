/**
 * What the web app may believe about where a request came from. Next.js fills the
 * X-Forwarded-* headers from the socket only when the client did not send them, so
 * they are believed only with ONSET_TRUST_PROXY set (Onset behind a reverse proxy that
 * overwrites them). ONSET_PUBLIC_URL is the app's own origin when set.
 */
import type { NextRequest } from "next/server";

/** The environment variables read here (process.env by default). */
export type Env = Record<string, string | undefined>;

/** True when ONSET_TRUST_PROXY says a reverse proxy sets X-Forwarded-For/-Proto/-Host. */
export function trustProxy(env: Env = process.env): boolean {
  const v = (env.ONSET_TRUST_PROXY ?? "").trim().toLowerCase();
  return v !== "" && v !== "0" && v !== "false" && v !== "no";
}

/** The origin of ONSET_PUBLIC_URL, or null when unset or not a URL. */
export function publicOrigin(env: Env = process.env): string | null {
  const raw = env.ONSET_PUBLIC_URL?.trim();
  if (!raw) return null;
  try {
    return new URL(raw).origin;
  } catch {
    return null;
  }
}

const first = (v: string | null): string | null => v?.split(",")[0]?.trim() || null;

/** Whether cookies set on this request's response must be `Secure`. */
export function secureCookies(req: NextRequest, env: Env = process.env): boolean {
  if (publicOrigin(env)?.startsWith("https:")) return true;
  if (trustProxy(env)) return first(req.headers.get("x-forwarded-proto"))?.toLowerCase() === "https";
  return false;
}

/**
 * The caller's address for rate limiting: with a trusted proxy, the last hop it added
 * to X-Forwarded-For; without one, what Next.js recorded from the socket (a client
 * that sends its own X-Forwarded-For to a directly exposed Onset can choose this value,
 * which is why login is also limited per account).
 */
export function clientAddress(req: NextRequest): string {
  const hops = (req.headers.get("x-forwarded-for") ?? "").split(",").map((h) => h.trim()).filter((h) => h !== "");
  return hops[hops.length - 1] ?? "unknown";
}

/** Host names (with port) the app answers as: the public URL's and the request's own Host. */
export function ownHosts(req: NextRequest, env: Env = process.env): Set<string> {
  const hosts = new Set<string>();
  const pub = publicOrigin(env);
  if (pub) hosts.add(new URL(pub).host.toLowerCase());
  const host = req.headers.get("host");
  if (host) hosts.add(host.toLowerCase());
  if (trustProxy(env)) {
    const fwd = first(req.headers.get("x-forwarded-host"));
    if (fwd) hosts.add(fwd.toLowerCase());
  }
  return hosts;
}
