/** The outline's path under /api/v1 (the run page asks it, and its HTML preloads it). */
export function runOutlinePath(traceId: string): string {
  return `/runs/${encodeURIComponent(traceId)}/outline`;
}
