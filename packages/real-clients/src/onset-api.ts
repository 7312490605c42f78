/**
 * Reading a run back through Onset's JSON API (docs/spec/public-api.md) with the
 * project key, as a script would: the run with its spans, and each span in full.
 */
import type { OnsetEndpoints } from "./onset-process";

/** A span as GET /api/v1/runs/{traceId}/spans/{spanId} returns it (the fields checked here). */
export interface ApiSpan {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  type: string;
  status: string;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  input: { kind: string; messages?: { role: string; content: string; toolCalls?: { id: string | null; name: string; arguments: string }[]; toolCallId?: string }[]; text?: string } | null;
  output: ApiSpan["input"];
  tool: { name: string; callId: string | null; arguments: string | null; result: string | null } | null;
  error: { type: string | null; message: string | null } | null;
  statusMessage: string | null;
  mapper: string;
}

/** The run summary fields checked here. */
export interface ApiRun {
  traceId: string;
  status: string;
  spanCount: number;
  errorCount: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** LLM spans that reported no usage (the totals leave them out). */
  llmSpansWithoutUsage: number;
  models?: string[];
}

async function get<T>(onset: OnsetEndpoints, path: string): Promise<T | null> {
  const res = await fetch(`${onset.webUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${onset.apiKey}` } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * The run and every span in full, once `ready` holds for it (exports are batched and
 * logs travel apart from spans, so the test waits for what it expects to arrive).
 */
export async function readRun(onset: OnsetEndpoints, traceId: string, ready: (run: ApiRun, spans: ApiSpan[]) => boolean): Promise<{ run: ApiRun; spans: ApiSpan[] }> {
  const deadline = Date.now() + 20_000;
  let last: { run: ApiRun; spans: ApiSpan[] } | null = null;
  for (;;) {
    const got = await get<{ run: ApiRun; spans: { spanId: string }[] }>(onset, `/runs/${traceId}`);
    if (got) {
      const spans: ApiSpan[] = [];
      for (const s of got.spans) spans.push((await get<{ span: ApiSpan }>(onset, `/runs/${traceId}/spans/${s.spanId}`))!.span);
      last = { run: got.run, spans };
      if (ready(got.run, spans)) return last;
    }
    if (Date.now() > deadline) return last ?? Promise.reject(new Error(`run ${traceId} never arrived`));
    await new Promise((r) => setTimeout(r, 250));
  }
}
