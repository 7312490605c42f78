/**
 * A small typed client for Onset's own JSON API (docs/spec/public-api.md): the base URL
 * of a running Onset and a project API key sent as `Authorization: Bearer`. The MCP
 * tools read runs, spans, analyses and diffs through it, so they see exactly what the
 * key's project may see, with the API's own validation and errors.
 */
import { OnsetError } from "@onset/otlp";
import type { PairDiffResponse, RunAnalysisResponse, RunPage, RunSpanPage, SpanRecord } from "./api-types";

/** The run-list filters GET /api/v1/runs accepts that the MCP tools expose. */
export interface RunListFilters {
  status?: "ok" | "error" | "unset";
  /** Matched (case-insensitively, as a substring) against the run's name only. */
  q?: string;
  from?: string;
  to?: string;
  model?: string;
  task?: string;
  minCost?: number;
  hasOnset?: boolean;
  hasLoops?: boolean;
  sort?: "startTime" | "costUsd" | "durationMs" | "tokens" | "errorCount";
  order?: "asc" | "desc";
  limit?: number;
  cursor?: string;
}

/**
 * An error answer of the JSON API (`{error: {code, message}}`, with its status), or 502
 * when Onset could not be reached or did not answer JSON.
 */
export class OnsetApiError extends OnsetError {
  constructor(status: number, code: string, message: string) {
    super(status, code, message);
  }
}

/** Where Onset runs and the key to present. */
export interface OnsetClientOptions {
  /** e.g. http://localhost:3000 (the web app, which serves /api/v1). */
  baseUrl: string;
  apiKey: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
}

/** Typed reads of the JSON API used by the MCP tools. */
export class OnsetClient {
  private readonly base: URL;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly opts: OnsetClientOptions) {
    let base: URL;
    try {
      base = new URL(opts.baseUrl);
    } catch {
      throw new TypeError(`not a URL: ${JSON.stringify(opts.baseUrl)} (expected e.g. http://localhost:3000)`);
    }
    if (base.protocol !== "http:" && base.protocol !== "https:") throw new TypeError(`Onset URL must be http or https, not ${base.protocol}`);
    if (!opts.apiKey) throw new TypeError("an API key is required");
    this.base = new URL(base.pathname.endsWith("/") ? base.href : `${base.href}/`);
    this.fetchFn = opts.fetch ?? fetch;
  }

  /** GET /api/v1/runs with the given filters. */
  listRuns(filters: RunListFilters = {}): Promise<RunPage> {
    return this.get<RunPage>("api/v1/runs", filters);
  }

  /** GET /api/v1/runs/{traceId}: the run and one page of its spans. */
  getRun(traceId: string, page: { limit?: number; cursor?: string } = {}): Promise<RunSpanPage> {
    return this.get<RunSpanPage>(`api/v1/runs/${encodeURIComponent(traceId)}`, page);
  }

  /** GET /api/v1/runs/{traceId}/spans/{spanId}: one span in full. */
  async getSpan(traceId: string, spanId: string): Promise<SpanRecord> {
    const body = await this.get<{ span: SpanRecord }>(`api/v1/runs/${encodeURIComponent(traceId)}/spans/${encodeURIComponent(spanId)}`);
    return body.span;
  }

  /** GET /api/v1/runs/{traceId}/analysis: onset, chain, loops, cost findings, outcome. */
  getAnalysis(traceId: string): Promise<RunAnalysisResponse> {
    return this.get<RunAnalysisResponse>(`api/v1/runs/${encodeURIComponent(traceId)}/analysis`);
  }

  /** GET /api/v1/diff?a&b: run a (reference) against run b. */
  diff(a: string, b: string): Promise<PairDiffResponse> {
    return this.get<PairDiffResponse>("api/v1/diff", { a, b });
  }

  private async get<T>(path: string, query: object = {}): Promise<T> {
    const url = new URL(path, this.base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, String(v));
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        headers: { authorization: `Bearer ${this.opts.apiKey}`, accept: "application/json" },
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new OnsetApiError(502, "unreachable", `cannot reach Onset at ${this.base.origin} (${cause}); is it running, and is ONSET_URL right?`);
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      throw new OnsetApiError(502, "not_json", `Onset answered ${res.status} with a body that is not JSON: is ${this.base.origin} an Onset web app?`);
    }
    if (!res.ok) {
      const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
      throw new OnsetApiError(res.status, e?.code ?? "http_error", e?.message ?? `HTTP ${res.status}`);
    }
    return body as T;
  }
}
