/**
 * Reads of the content store: puts back what the ingest path moved out of span rows
 * (packages/db/src/ingest/span-content-refs.ts), so every read returns a span's input,
 * output, tool, error, attributes and events as they were sent.
 */
import { OnsetError, type ToolInvocation } from "@onset/otlp";
import type { Pool, PoolClient } from "pg";
import type { ChunkedColumn, ContentRefs } from "../ingest/span-content-refs";
import { contentFromTool, FROM_TOOL_VALUE } from "../ingest/tool-content";

/** A span row as selected with SPAN_RECORD_COLUMNS (content columns, `contentRefs`). */
type ContentRow = Record<string, unknown> & { contentRefs?: ContentRefs | null };

/** Thrown when a span references content the store does not hold (never expected). */
export class MissingContentError extends OnsetError {
  constructor(hash: string) {
    super(500, "content_missing", `span content ${hash} is missing from the content store`);
  }
}

/**
 * Resolves the references of `rows` (one project's span rows) in place: messages and
 * chunks are read from `span_contents` in one query and put back where they stood;
 * `contentRefs` is removed. An input or output stored as derived from the tool call
 * (ingest/tool-content.ts) is derived again, so rows holding `input` or `output` must
 * hold `tool` too. A message used by many spans is parsed once and the same
 * object shared: readers treat spans as immutable.
 */
export async function resolveContent(pool: Pool | PoolClient, projectId: string, rows: ContentRow[]): Promise<void> {
  const hashes = new Set<string>();
  for (const row of rows) {
    const refs = row.contentRefs;
    if (!refs) continue;
    for (const h of refs.in ?? []) if (h) hashes.add(h);
    for (const h of refs.out ?? []) if (h) hashes.add(h);
    for (const chunks of Object.values(refs.c ?? {})) for (const h of chunks) hashes.add(h);
  }
  const bodies = new Map<string, string>();
  if (hashes.size > 0) {
    const r = await pool.query<{ hash: string; body: string }>(
      `SELECT DISTINCT ON (hash) hash, body FROM span_contents WHERE project_id = $1 AND hash = ANY($2::text[])`,
      [projectId, [...hashes]],
    );
    for (const { hash, body } of r.rows) bodies.set(hash, body);
  }
  const body = (h: string): string => {
    const b = bodies.get(h);
    if (b === undefined) throw new MissingContentError(h);
    return b;
  };
  const parsed = new Map<string, unknown>();
  const message = (h: string): unknown => {
    let m = parsed.get(h);
    if (m === undefined) {
      m = JSON.parse(body(h));
      parsed.set(h, m);
    }
    return m;
  };
  const messages = (list: (string | null)[], stored: unknown) => {
    const inline = ((stored as { messages?: unknown[] } | null)?.messages ?? []).values();
    return { kind: "messages", messages: list.map((h) => (h === null ? inline.next().value : message(h))) };
  };
  for (const row of rows) {
    const refs = row.contentRefs;
    delete row.contentRefs;
    if (refs) {
      for (const [column, chunks] of Object.entries(refs.c ?? {}) as [ChunkedColumn, string[]][]) {
        row[column] = JSON.parse(chunks.map(body).join(""));
      }
      if (refs.in) row.input = messages(refs.in, row.input);
      if (refs.out) row.output = messages(refs.out, row.output);
    }
    if (row.input === FROM_TOOL_VALUE) row.input = contentFromTool(toolOf(row).arguments);
    if (row.output === FROM_TOOL_VALUE) row.output = contentFromTool(toolOf(row).result);
  }
}

/** The row's tool call, which an input or output derived from it needs. */
function toolOf(row: ContentRow): ToolInvocation {
  const tool = row.tool as ToolInvocation | null | undefined;
  if (!tool) throw new Error("a span row whose input or output is derived from its tool call was read without its tool column");
  return tool;
}
