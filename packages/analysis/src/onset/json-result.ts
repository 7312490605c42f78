/** Tool results read as JSON by the observation signals (contradictions, miscounts). */

/** Results larger than this are not parsed: a fact table or a page, not a record or a listing. */
const MAX_JSON_CHARS = 200_000;

/** A tool result parsed as JSON when it is an object or an array of at most 200 KB, else undefined. */
export function parseResult(text: string): unknown {
  const t = text.trim();
  if (t.length > MAX_JSON_CHARS || (t[0] !== "{" && t[0] !== "[")) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}
