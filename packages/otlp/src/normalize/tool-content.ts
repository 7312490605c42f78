import type { SpanContent } from "../normalized-span";
import { contentFromValue } from "./content";

/**
 * Contents the mappers derived from a tool call's arguments or result (a tool span's
 * input and output when no convention set them), each with the text it came from.
 * contentFromValue is pure, so while the span still holds that very text, writing the
 * content again from the text gives the same JSON: the ingest path uses this to store
 * such input/output as a marker without serializing and parsing it again
 * (packages/db ingest/tool-content.ts).
 */
const toolTexts = new WeakMap<SpanContent, string>();

/** contentFromValue(text), remembered as derived from `text`. */
export function contentFromToolText(text: string | null): SpanContent | null {
  const content = contentFromValue(text);
  if (content !== null && text !== null) toolTexts.set(content, text);
  return content;
}

/** The tool argument or result text the mappers derived `content` from, if they did. */
export function toolTextOf(content: SpanContent): string | undefined {
  return toolTexts.get(content);
}
