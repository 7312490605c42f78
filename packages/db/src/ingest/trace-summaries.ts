/**
 * Per-run summaries of new spans, built per request as its rows are made and merged for
 * a direct flush (span-write-sql.ts UPSERT_SUMMARIES). They mirror, column for column, what the staged
 * flush's `agg` CTE computes in SQL from the rows it inserted, over the values as
 * stored (span-columns.ts: int4 tokens, indexed text cut, end clamped to start).
 */
import type { NormalizedSpan } from "@onset/otlp";
import { indexedText, int4, isoMicros } from "./span-columns";

/** One run's summary of the batch: the `agg` row of UPSERT_SUMMARIES. */
export interface AggRow {
  project_id: string;
  trace_id: string;
  start_time: string;
  end_time: string;
  span_count: number;
  error_count: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  cost_usd: number;
  unpriced_spans: number;
  llm_spans_without_usage: number;
  root_span_id: string | null;
  root_name: string | null;
  root_status: string | null;
  first_name: string | null;
  service_name: string | null;
  session_id: string | null;
  user_id: string | null;
  task: string | null;
  models: string[];
}

interface Acc {
  row: AggRow;
  startMs: number;
  endMs: number;
  taskFromRoot: boolean;
  models: Set<string>;
}

/** `attributes->>'onset.task'`: strings as they are, other scalars as JSON text. */
function taskText(span: NormalizedSpan): string | null {
  const v = span.attributes["onset.task"];
  if (v === undefined || v === null) return null;
  return typeof v === "string" ? v : JSON.stringify(v);
}

function newAcc(projectId: string, traceId: string): Acc {
  return {
    row: {
      project_id: projectId, trace_id: traceId, start_time: "", end_time: "", span_count: 0, error_count: 0,
      input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, reasoning_tokens: 0,
      cost_usd: 0, unpriced_spans: 0, llm_spans_without_usage: 0, root_span_id: null, root_name: null, root_status: null, first_name: null,
      service_name: null, session_id: null, user_id: null, task: null, models: [],
    },
    startMs: Infinity,
    endMs: -Infinity,
    taskFromRoot: false,
    models: new Set(),
  };
}

/**
 * Run summaries being gathered: each request's are computed when its rows are built
 * (span-rows.ts), so its spans need not be kept until the flush, and a flush merges
 * those of the requests it commits. Adding spans request by request, or merging the
 * requests' summaries in the same order, gives the same rows.
 */
export class RunSummaries {
  private readonly byRun = new Map<string, Acc>();

  /** Folds in `spans` of `projectId`, all new. */
  add(projectId: string, spans: readonly NormalizedSpan[]): void {
    for (const s of spans) this.addSpan(projectId, s);
  }

  /** Folds in one new span of `projectId`. */
  addSpan(projectId: string, s: NormalizedSpan): void {
    const key = `${projectId}\u0000${s.traceId}`;
    let acc = this.byRun.get(key);
    if (!acc) this.byRun.set(key, (acc = newAcc(projectId, s.traceId)));
    const r = acc.row;
    const input = int4(s.usage.input);
    const output = int4(s.usage.output);
    const model = indexedText(s.model);
    r.span_count++;
    if (s.statusCode === "error") r.error_count++;
    r.input_tokens += input ?? 0;
    r.output_tokens += output ?? 0;
    r.cache_read_tokens += int4(s.usage.cacheRead) ?? 0;
    r.cache_write_tokens += int4(s.usage.cacheWrite) ?? 0;
    r.reasoning_tokens += int4(s.usage.reasoning) ?? 0;
    const cost = s.costUsd !== null && Number.isFinite(s.costUsd) ? s.costUsd : null;
    r.cost_usd += cost ?? 0;
    if (cost === null && model !== null && (input ?? 0) + (output ?? 0) > 0) r.unpriced_spans++;
    if (s.type === "llm" && input === null && output === null) r.llm_spans_without_usage++;
    // The earliest span names the run's first_name.
    if (s.startTimeMs < acc.startMs) {
      acc.startMs = s.startTimeMs;
      r.first_name = s.name;
    }
    acc.endMs = Math.max(acc.endMs, s.endTimeMs, s.startTimeMs);
    const isRoot = s.parentSpanId === null;
    if (isRoot && r.root_span_id === null) {
      r.root_span_id = s.spanId;
      r.root_name = s.name;
      r.root_status = s.statusCode;
    }
    r.service_name ??= s.serviceName;
    r.session_id ??= s.sessionId;
    r.user_id ??= s.userId;
    const task = taskText(s);
    // A root span's task wins over another span's (ORDER BY parent_span_id IS NULL DESC).
    if (task !== null && (r.task === null || (isRoot && !acc.taskFromRoot))) {
      r.task = task;
      acc.taskFromRoot = isRoot;
    }
    if (model !== null) acc.models.add(model);
  }

  /** Folds in the summaries of spans that came after this one's (a later request of the same flush). */
  merge(later: RunSummaries): void {
    for (const [key, b] of later.byRun) {
      const a = this.byRun.get(key);
      if (!a) {
        this.byRun.set(key, cloneAcc(b));
        continue;
      }
      const r = a.row;
      const o = b.row;
      r.span_count += o.span_count;
      r.error_count += o.error_count;
      r.input_tokens += o.input_tokens;
      r.output_tokens += o.output_tokens;
      r.cache_read_tokens += o.cache_read_tokens;
      r.cache_write_tokens += o.cache_write_tokens;
      r.reasoning_tokens += o.reasoning_tokens;
      r.cost_usd += o.cost_usd;
      r.unpriced_spans += o.unpriced_spans;
      r.llm_spans_without_usage += o.llm_spans_without_usage;
      if (b.startMs < a.startMs) {
        a.startMs = b.startMs;
        r.first_name = o.first_name;
      }
      a.endMs = Math.max(a.endMs, b.endMs);
      if (r.root_span_id === null && o.root_span_id !== null) {
        r.root_span_id = o.root_span_id;
        r.root_name = o.root_name;
        r.root_status = o.root_status;
      }
      r.service_name ??= o.service_name;
      r.session_id ??= o.session_id;
      r.user_id ??= o.user_id;
      // As add() would have decided span by span: the later spans' task replaces an
      // earlier one only when none was found yet, or when theirs is a root's and ours is not.
      if (o.task !== null && (r.task === null || (b.taskFromRoot && !a.taskFromRoot))) {
        r.task = o.task;
        a.taskFromRoot = b.taskFromRoot;
      }
      for (const m of b.models) a.models.add(m);
    }
  }

  /** The `agg` rows of UPSERT_SUMMARIES, one per run. */
  rows(): AggRow[] {
    const rows: AggRow[] = [];
    for (const acc of this.byRun.values()) {
      rows.push({ ...acc.row, start_time: isoMicros(acc.startMs), end_time: isoMicros(acc.endMs), models: [...acc.models] });
    }
    return rows;
  }
}

function cloneAcc(b: Acc): Acc {
  return { ...b, row: { ...b.row }, models: new Set(b.models) };
}

/** Summaries, one per (project, trace), of spans that are all new. */
export function summarizeNewSpans(batch: { projectId: string; spans: NormalizedSpan[] }[]): AggRow[] {
  const summaries = new RunSummaries();
  for (const { projectId, spans } of batch) summaries.add(projectId, spans);
  return summaries.rows();
}
