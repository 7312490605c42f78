/**
 * The browser's one JSON client for /api/v1: GET with a query string, POST/PATCH/DELETE
 * with an optional JSON body. Every call names the tab's project (`?project=`, from the
 * page URL), sends to the login page on 401 (coming back here after) and throws
 * ApiClientError with the API's `{ error: { code, message } }` on any other non-2xx.
 */
import { loginHref, PROJECT_PARAM } from "./project-url";
import { tabProject } from "./tab-project";

/** An error the API answered with. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Query parameters of a GET; undefined, null and "" are left out of the query string. */
export type ApiQuery = Record<string, string | number | boolean | undefined | null>;

/**
 * Sends one request to `/api/v1${path}` and returns its JSON body. A body, when given,
 * is sent as JSON. Every write says `content-type: application/json`, bodiless ones too:
 * the server's CSRF guard (server/csrf.ts) takes a bodiless DELETE, which browsers send
 * without a Content-Length, for one with an undeclared body and answers 415.
 */
async function apiRequest<T>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown, query?: ApiQuery): Promise<T> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== "") qs.set(k, String(v));
  const project = tabProject();
  if (project && !qs.has(PROJECT_PARAM)) qs.set(PROJECT_PARAM, project);
  // A path may carry its own query (`/runs/x/search?q=...`): the project joins it.
  const url = `/api/v1${path}${qs.size ? `${path.includes("?") ? "&" : "?"}${qs}` : ""}`;
  const init: RequestInit =
    method === "GET"
      ? { headers: { accept: "application/json" } }
      : {
          method,
          headers: { accept: "application/json", "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        };
  const res = await fetch(url, init);
  const json = await res.json().catch(() => null);
  if (res.status === 401 && typeof window !== "undefined") window.location.href = loginHref(`${window.location.pathname}${window.location.search}`);
  if (!res.ok) throw new ApiClientError(res.status, json?.error?.code ?? "error", json?.error?.message ?? `request failed (${res.status})`);
  return json as T;
}

/** GETs `path` (under /api/v1) and returns its JSON body. */
export function apiGet<T>(path: string, params?: ApiQuery): Promise<T> {
  return apiRequest<T>("GET", path, undefined, params);
}

/** POSTs `body` (if any) as JSON to `path` (under /api/v1) and returns the JSON answer. */
export function apiPost<T>(path: string, body?: unknown): Promise<T> {
  return apiRequest<T>("POST", path, body);
}

/** PATCHes `path` (under /api/v1) with `body` as JSON and returns the JSON answer. */
export function apiPatch<T>(path: string, body: unknown): Promise<T> {
  return apiRequest<T>("PATCH", path, body);
}

/** DELETEs `path` (under /api/v1) and returns the JSON answer. */
export function apiDelete<T>(path: string): Promise<T> {
  return apiRequest<T>("DELETE", path);
}
