/**
 * A span's content as stored: chat messages and long JSON moved into the per-project
 * content store (`span_contents`, docs/adr/0008-content-store.md) and replaced by
 * references, written on the span row as `content_refs`.
 *
 * - input/output holding chat messages: each message of at least MESSAGE_REF_CHARS
 *   characters of JSON (role, content, name, tool calls, tool call id, finish reason)
 *   is one row of the store, and `in`/`out` list the messages in order: a hash, or null
 *   for a message kept inline in the row's `messages` (a short one: its reference would
 *   cost more than it saves).
 * - input/output that are exactly a tool span's arguments and result as the mappers
 *   show them: the marker FROM_TOOL in the row, derived again on read (tool-content.ts).
 * - tool, error, attributes, events, and input/output of other kinds, whose JSON is at
 *   least CHUNKED_JSON_CHARS long: the JSON text is cut into content-defined chunks
 *   (content-chunks.ts) stored once each, `c[column]` lists them, and the row keeps a
 *   placeholder. Consecutive LLM calls of a run send attributes that differ by a message
 *   or two (flattened llm.input_messages.N.*, the whole conversation in input.value), so
 *   all but a few chunks of each call are already stored. The raw attributes read back
 *   exactly as sent, key order included. Top-level `onset.*` attributes stay in the row
 *   as well: SQL reads them (the run's task, an import's outcome source).
 *
 * span-contents.ts (repositories) puts everything back on read.
 */
import type { ChatMessage, NormalizedSpan } from "@onset/otlp";
import { chunkString, contentHash } from "./content-chunks";
import { jsonbText } from "./copy-text";
import { derivedFromTool, derivedFromToolText, FROM_TOOL } from "./tool-content";

/** A message's JSON at least this long is stored by reference. */
export const MESSAGE_REF_CHARS = 512;

/** A column whose JSON is at least this long is stored as chunks. */
export const CHUNKED_JSON_CHARS = 4096;

/** A span column that may be stored as chunks. */
export type ChunkedColumn = "input" | "output" | "tool" | "error" | "attributes" | "events";

/** The `content_refs` column of a span row. */
export interface ContentRefs {
  /** Input messages in order: a stored message's hash, or null for the next inline one. */
  in?: (string | null)[];
  /** Output messages, likewise. */
  out?: (string | null)[];
  /** Columns stored as chunks of their JSON text, with the chunks' hashes in order. */
  c?: Partial<Record<ChunkedColumn, string[]>>;
}

/** One row of `span_contents`. */
export interface ContentRow {
  projectId: string;
  /** First instant (ISO) of the month of the referring span's start: the store's partition key. */
  bucket: string;
  hash: string;
  body: string;
}

/** The identity of a stored body: project, month bucket (ISO), hash. */
export function contentKey(projectId: string, bucket: string, hash: string): string {
  return `${projectId}\u0000${bucket}\u0000${hash}`;
}

/** The bodies one request stores (merged per flush), each once. */
export class ContentBatch {
  readonly rows = new Map<string, ContentRow>();

  /** Records `body` for the project and month; returns its hash. */
  add(projectId: string, bucket: string, kind: "m" | "c", body: string): string {
    const hash = contentHash(kind, body);
    const key = contentKey(projectId, bucket, hash);
    if (!this.rows.has(key)) this.rows.set(key, { projectId, bucket, hash, body });
    return hash;
  }
}

/** The JSON text of a span's content columns as written to the row, and their references. */
export interface StoredSpanContent {
  input: string | null;
  output: string | null;
  tool: string | null;
  error: string | null;
  attributes: string;
  events: string;
  /** null when nothing was moved to the store. */
  refs: ContentRefs | null;
}

/** The store's partition key for a span starting at `startMs`: its month's first instant. */
export function contentBucket(startMs: number): string {
  const d = new Date(startMs);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString();
}

/**
 * One span's externalization under way. Plain functions over this, rather than closures
 * made inside externalizeSpan: that runs once per ingested span, and under tsx each
 * closure also cost a defineProperty of its name (about 5% of decoding and building a
 * row, in-process profile, docs/benchmarks.md "Ingestion").
 */
interface Externalizing {
  projectId: string;
  s: NormalizedSpan;
  batch: ContentBatch;
  bucket: string | null;
  refs: ContentRefs;
  chunked: Partial<Record<ChunkedColumn, string[]>> | null;
}

/** The span's content with messages and long JSON moved into `batch`. */
export function externalizeSpan(projectId: string, s: NormalizedSpan, batch: ContentBatch): StoredSpanContent {
  const x: Externalizing = { projectId, s, batch, bucket: null, refs: {}, chunked: null };
  const stored: StoredSpanContent = {
    input: content(x, "input", "in", s.input),
    output: content(x, "output", "out", s.output),
    tool: column(x, "tool", s.tool, null),
    error: column(x, "error", s.error, null),
    attributes: column(x, "attributes", s.attributes, null) ?? jsonbText(onsetAttributes(s.attributes))!,
    events: s.events.length > 0 ? (column(x, "events", s.events, "[]") ?? "[]") : "[]",
    refs: null,
  };
  const refs = x.refs;
  if (x.chunked !== null) refs.c = x.chunked;
  if (refs.in || refs.out || refs.c) stored.refs = refs;
  return stored;
}

/** The store's partition key of the span being externalized. */
function bucketOf(x: Externalizing): string {
  return (x.bucket ??= contentBucket(x.s.startTimeMs));
}

/** JSON for the row; past CHUNKED_JSON_CHARS, chunks in the store and `placeholder` in the row. */
function column(x: Externalizing, name: ChunkedColumn, v: unknown, placeholder: string | null, known?: string): string | null {
  const json = known ?? jsonbText(v);
  if (json === null || json.length < CHUNKED_JSON_CHARS) return json;
  (x.chunked ??= {})[name] = chunkString(json).map((c) => x.batch.add(x.projectId, bucketOf(x), "c", c));
  return placeholder;
}

/** The input or output column: messages by reference, a tool's arguments or result as FROM_TOOL, else as column(). */
function content(x: Externalizing, name: "input" | "output", side: "in" | "out", v: NormalizedSpan["input"]): string | null {
  const s = x.s;
  if (v?.kind !== "messages") {
    // A tool call's arguments or result shown as input or output: stored once, in `tool`.
    const toolText = s.tool ? (side === "in" ? s.tool.arguments : s.tool.result) : null;
    if (derivedFromToolText(v, toolText)) return FROM_TOOL;
    const json = jsonbText(v);
    if (s.tool && derivedFromTool(json, toolText)) return FROM_TOOL;
    return column(x, name, v, null, json ?? undefined);
  }
  // Each message is serialized once: its JSON is both what the store keeps and a
  // piece of the column's JSON (the same text JSON.stringify gives for the whole
  // {kind, messages} object, whose keys are checked to be exactly those two).
  const plain = isPlainMessages(v);
  let stored = 0;
  const all: string[] = [];
  const inline: ChatMessage[] = [];
  const inlineJson: string[] = [];
  const list = v.messages.map((m) => {
    const json = jsonbText(m) ?? "null";
    all.push(json);
    if (json.length < MESSAGE_REF_CHARS) {
      inline.push(m);
      inlineJson.push(json);
      return null;
    }
    stored++;
    return x.batch.add(x.projectId, bucketOf(x), "m", json);
  });
  if (stored === 0) return column(x, name, v, null, plain ? messagesJson(all) : undefined);
  x.refs[side] = list;
  return plain ? messagesJson(inlineJson) : jsonbText({ kind: "messages", messages: inline });
}

/** True when `v` has exactly the keys kind and messages, in that order (as the mappers build it). */
function isPlainMessages(v: object): boolean {
  let i = 0;
  for (const k in v) {
    if (k !== (i === 0 ? "kind" : i === 1 ? "messages" : "")) return false;
    i++;
  }
  return i === 2;
}

/** The JSON of {kind: "messages", messages} from the messages' own JSON texts. */
function messagesJson(messages: string[]): string {
  return `{"kind":"messages","messages":[${messages.join(",")}]}`;
}

/** The top-level onset.* attributes (what SQL reads from the row). */
function onsetAttributes(attrs: NormalizedSpan["attributes"]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(attrs)) if (k.startsWith("onset.")) out[k] = attrs[k];
  return out;
}

/**
 * `old` refs with those of `columns` replaced by `fresh`'s (a later write of some of a
 * span's content columns, as the log join does); null when nothing is referenced.
 */
export function replaceContentRefs(old: ContentRefs | null, fresh: ContentRefs | null, columns: ChunkedColumn[]): ContentRefs | null {
  const out: ContentRefs = {};
  const keep = (side: "in" | "out", column: ChunkedColumn) => {
    const v = columns.includes(column) ? fresh?.[side] : old?.[side];
    if (v) out[side] = v;
  };
  keep("in", "input");
  keep("out", "output");
  const c: Partial<Record<ChunkedColumn, string[]>> = {};
  for (const [k, v] of Object.entries(old?.c ?? {}) as [ChunkedColumn, string[]][]) if (!columns.includes(k)) c[k] = v;
  for (const [k, v] of Object.entries(fresh?.c ?? {}) as [ChunkedColumn, string[]][]) if (columns.includes(k)) c[k] = v;
  if (Object.keys(c).length > 0) out.c = c;
  return out.in || out.out || out.c ? out : null;
}
