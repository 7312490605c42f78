/**
 * A stand-in for a running Onset's JSON API, for the MCP tests: a real HTTP server on
 * 127.0.0.1 that answers the routes the tools call with bodies shaped like the web
 * app's (apps/web/src/app/api/v1). The runs are built with @onset/analysis's own test
 * builder, and the analysis and diff bodies are computed by the real analyzeRun and
 * diffRuns and checked against their zod schemas, so the shapes cannot drift.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { analyzeRun, diffRuns, DiffResultSchema, RunAnalysisSchema } from "@onset/analysis";
import type { NormalizedSpan } from "@onset/otlp";
import { edit, RunBuilder, sh } from "@onset/analysis/test-support";
import type { DiffSpanInfo, PairDiffResponse, RunAnalysisResponse, RunSummary, SpanRecord } from "../api-types";

/** The key the fake accepts as `Authorization: Bearer`. */
export const FAKE_KEY = "onset_sk_test_mcp";
/** Trace ids of the two canned runs. */
export const FAILED_RUN = "0af7651916cd43dd8448eb211c80319c";
export const GOOD_RUN = "1bf7651916cd43dd8448eb211c80319d";

const hexId = (traceId: string, id: string) => `${traceId.slice(0, 8)}${id.replace(/\D/g, "").padStart(8, "0")}`;

/** A coding run: pytest passes, the agent reads and edits calc.py, then tests and submits. */
function codingRun(traceId: string, breaks: boolean): NormalizedSpan[] {
  const b = new RunBuilder(traceId);
  const a = b.agent("coder", breaks ? { status: "error", error: "run failed" } : {});
  sh(b, a, "pytest -q", "5 passed", 0);
  sh(b, a, "cat src/calc.py", "return a + b", 0);
  if (breaks) {
    edit(b, a, "src/calc.py", "return a + b", "return a - b");
    sh(b, a, "pytest -q", "FAILED tests/test_calc.py::test_add\nsrc/calc.py:1: AssertionError\n1 failed, 4 passed", 1);
  } else {
    edit(b, a, "src/calc.py", "return a + b", "return (a + b)");
    sh(b, a, "pytest -q", "5 passed", 0);
  }
  sh(b, a, "submit", "diff", 0);
  // The builder's readable ids (s1, s2, ...) become 16-hex span ids, as stored spans have.
  return b.build().map((s) => ({ ...s, spanId: hexId(traceId, s.spanId), parentSpanId: s.parentSpanId && hexId(traceId, s.parentSpanId) }));
}

const iso = (ms: number) => new Date(ms).toISOString();

function summaryOf(traceId: string, spans: NormalizedSpan[], onsetSpanId: string | null, loopCount: number): RunSummary {
  const start = Math.min(...spans.map((s) => s.startTimeMs));
  const end = Math.max(...spans.map((s) => s.endTimeMs));
  const sum = (f: (s: NormalizedSpan) => number | null) => spans.reduce((t, s) => t + (f(s) ?? 0), 0);
  const root = spans.find((s) => s.parentSpanId === null)!;
  return {
    traceId,
    name: root.name,
    status: root.statusCode,
    startTime: iso(start),
    endTime: iso(end),
    durationMs: end - start,
    spanCount: spans.length,
    errorCount: spans.filter((s) => s.statusCode === "error").length,
    inputTokens: sum((s) => s.usage.input),
    outputTokens: sum((s) => s.usage.output),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    costUsd: sum((s) => s.costUsd),
    unpricedSpans: 0,
    llmSpansWithoutUsage: spans.filter((s) => s.type === "llm" && s.usage.input === null && s.usage.output === null).length,
    serviceName: "coder",
    sessionId: null,
    userId: null,
    task: "fix-calc",
    models: [...new Set(spans.flatMap((s) => (s.model ? [s.model] : [])))],
    rootSpanId: root.spanId,
    onsetSpanId,
    loopCount,
    costFindingCount: 0,
  };
}

function recordOf(s: NormalizedSpan): SpanRecord {
  return {
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    name: s.name,
    type: s.type,
    startTime: iso(s.startTimeMs),
    endTime: iso(s.endTimeMs),
    durationMs: s.endTimeMs - s.startTimeMs,
    status: s.statusCode,
    statusMessage: s.statusMessage,
    model: s.model,
    provider: s.provider,
    inputTokens: s.usage.input,
    outputTokens: s.usage.output,
    costUsd: s.costUsd,
    toolName: s.tool?.name ?? null,
    agentName: s.agentName,
    input: s.input,
    output: s.output,
    tool: s.tool,
    error: s.error,
    attributes: s.attributes,
    events: s.events,
    kind: s.kind,
    cacheReadTokens: s.usage.cacheRead,
    cacheWriteTokens: s.usage.cacheWrite,
    reasoningTokens: s.usage.reasoning,
    costSource: s.costSource,
    sessionId: s.sessionId,
    userId: s.userId,
    conversationId: s.conversationId,
    mapper: s.mapper,
    serviceName: s.serviceName,
    scopeName: s.scopeName,
    scopeVersion: s.scopeVersion,
    resource: s.resourceAttributes,
  };
}

function factsOf(s: NormalizedSpan) {
  return { spanId: s.spanId, model: s.model, toolName: s.tool?.name ?? null, agentName: s.agentName, inputTokens: s.usage.input, outputTokens: s.usage.output, costUsd: s.costUsd };
}

function infoOf(s: NormalizedSpan): DiffSpanInfo {
  return { spanId: s.spanId, name: s.name, type: s.type, status: s.statusCode, startTime: iso(s.startTimeMs), durationMs: s.endTimeMs - s.startTimeMs, model: s.model, toolName: s.tool?.name ?? null, agentName: s.agentName };
}

/** The canned runs, their analyses and their diff, as the API would answer. */
export function cannedOnset() {
  const runs = new Map<string, { spans: NormalizedSpan[]; summary: RunSummary; analysis: RunAnalysisResponse }>();
  for (const [id, breaks] of [[FAILED_RUN, true], [GOOD_RUN, false]] as const) {
    const spans = codingRun(id, breaks);
    const analysis = RunAnalysisSchema.parse(analyzeRun(spans));
    const summary = summaryOf(id, spans, analysis.onset?.spanId ?? null, analysis.loops.length);
    runs.set(id, { spans, summary, analysis: { ...analysis, verdict: null, outcomeSource: analysis.outcome.status === "unknown" ? null : "inferred", run: summary, cached: false } });
  }
  const good = runs.get(GOOD_RUN)!;
  const failed = runs.get(FAILED_RUN)!;
  const diff: PairDiffResponse = {
    ...DiffResultSchema.parse(diffRuns(good.spans, failed.spans)),
    mode: "pair",
    runA: good.summary,
    runB: failed.summary,
    spans: { a: Object.fromEntries(good.spans.map((s) => [s.spanId, infoOf(s)])), b: Object.fromEntries(failed.spans.map((s) => [s.spanId, infoOf(s)])) },
  };
  return { runs, diff };
}

/** A running fake: its base URL, the requests it saw, and close(). */
export interface FakeOnset {
  url: string;
  requests: { path: string; auth: string | undefined }[];
  canned: ReturnType<typeof cannedOnset>;
  close: () => Promise<void>;
}

/** Starts the fake on an ephemeral port of 127.0.0.1. */
export async function startFakeOnset(): Promise<FakeOnset> {
  const canned = cannedOnset();
  const requests: FakeOnset["requests"] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push({ path: `${url.pathname}${url.search}`, auth: req.headers.authorization });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const error = (status: number, code: string, message: string) => send(status, { error: { code, message } });
    if (req.headers.authorization !== `Bearer ${FAKE_KEY}`) return error(401, "unauthorized", "missing or invalid API key");
    const p = url.pathname.split("/").filter(Boolean); // api, v1, ...
    if (p[0] !== "api" || p[1] !== "v1") return error(404, "not_found", "no such route");
    if (p[2] === "diff") {
      const a = url.searchParams.get("a");
      const b = url.searchParams.get("b");
      if (a === GOOD_RUN && b === FAILED_RUN) return send(200, canned.diff);
      return error(404, "not_found", `run ${a === GOOD_RUN ? b : a}`);
    }
    if (p[2] !== "runs") return error(404, "not_found", "no such route");
    if (p.length === 3) {
      let list = [...canned.runs.values()].map((r) => r.summary);
      if (url.searchParams.get("status")) list = list.filter((r) => r.status === url.searchParams.get("status"));
      if (url.searchParams.get("hasOnset") === "true") list = list.filter((r) => r.onsetSpanId !== null);
      const limit = Number(url.searchParams.get("limit") ?? 50);
      return send(200, { runs: list.slice(0, limit), nextCursor: null });
    }
    const run = canned.runs.get(p[3]!);
    if (!run) return error(404, "not_found", `run ${p[3]}`);
    if (p.length === 4) {
      const limit = Number(url.searchParams.get("limit") ?? 1000);
      const from = Number(url.searchParams.get("cursor") ?? 0);
      const spans = run.spans.slice(from, from + limit).map(recordOf);
      return send(200, { run: run.summary, spans, nextCursor: from + limit < run.spans.length ? String(from + limit) : null });
    }
    if (p[4] === "analysis" && p.length === 5) return send(200, { ...run.analysis, spans: run.spans.map(factsOf) });
    if (p[4] === "spans" && p.length === 6) {
      const span = run.spans.find((s) => s.spanId === p[5]);
      return span ? send(200, { span: recordOf(span) }) : error(404, "not_found", `span ${p[5]} of run ${p[3]}`);
    }
    return error(404, "not_found", "no such route");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    canned,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
