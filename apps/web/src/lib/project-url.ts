/**
 * The project in a page's URL (`?project=<slug or id>`), so any link to project data
 * opens the same project for any member in a fresh session, and the login page's
 * return address (`?next=`), accepted only when it stays on this site.
 */

/** The query parameter naming the project a page shows. */
export const PROJECT_PARAM = "project";

/** Where the login page sends people when it was not asked for anything else. */
export const DEFAULT_AFTER_LOGIN = "/runs";

/** `href` (a same-site path with an optional query and hash) with `project` set in its query; unchanged when `project` is null. */
export function withProject(href: string, project: string | null | undefined): string {
  if (!project) return href;
  const hashAt = href.indexOf("#");
  const hash = hashAt >= 0 ? href.slice(hashAt) : "";
  const rest = hashAt >= 0 ? href.slice(0, hashAt) : href;
  const queryAt = rest.indexOf("?");
  const path = queryAt >= 0 ? rest.slice(0, queryAt) : rest;
  const qs = new URLSearchParams(queryAt >= 0 ? rest.slice(queryAt + 1) : "");
  qs.set(PROJECT_PARAM, project);
  return `${path}?${qs}${hash}`;
}

/**
 * A `next` address the login page may go to: a path on this site ("/runs/abc?span=1"),
 * never another origin ("//evil.example", "/\\evil.example", "https://…", "javascript:…").
 * Anything else, or nothing, gives the runs list.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 2000) return DEFAULT_AFTER_LOGIN;
  // Only an absolute path: one leading slash, no backslash (browsers read "/\x" as "//x"), no control characters.
  if (!next.startsWith("/") || next.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(next)) return DEFAULT_AFTER_LOGIN;
  const base = "http://onset.invalid";
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  if (url.origin !== base) return DEFAULT_AFTER_LOGIN;
  if (url.pathname === "/login" || url.pathname.startsWith("/api/")) return DEFAULT_AFTER_LOGIN;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The login page's address for someone who asked for `path` (no `next` for the default page). */
export function loginHref(path: string | null | undefined): string {
  const next = safeNextPath(path);
  return next === DEFAULT_AFTER_LOGIN || next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}

/**
 * Where switching project takes someone on `pathname`: the same list page in the other
 * project, or the runs list from a run (a run belongs to one project).
 */
export function pathAfterSwitch(pathname: string): string {
  if (pathname.startsWith("/runs/")) return "/runs";
  if (pathname.startsWith("/diff")) return "/diff";
  return pathname;
}
