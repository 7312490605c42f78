"use client";
import { useQuery } from "@tanstack/react-query";
import type { LoopFinding, StepLabel } from "@onset/analysis";
import type { SpanRecord } from "@onset/db";
import type { MouseEvent, ReactNode } from "react";
import { apiGet } from "@/lib/api-client";
import type { PageStep, SpanResponse } from "@/contracts/run";
import { markersFor, type RunMarkers } from "@/lib/run-markers";
import { stepLabel } from "@/lib/run-tree-rows";
import { formatCost, formatDuration, formatTokens } from "@/lib/format";
import { EvidenceList } from "./evidence-list";
import { repeatedAttributeKeys } from "@/lib/run-content";
import { CopyButton } from "./copy-button";
import { AttributesTable, ContentBlock, EventsList, SpanContentView } from "./span-content";
import styles from "./run.module.css";
import { QueryStatus } from "../query-status";

/** What the detail panel knows about the run around the span. */
export interface SpanDetailContext {
  marks: RunMarkers;
  stepOfSpan: ReadonlyMap<string, PageStep>;
  labelByStep: ReadonlyMap<string, StepLabel>;
  onsetEvidence: { stepId: string; confidence: number; evidence: StepLabel["evidence"] } | null;
}

/** The selected span in full: diagnosis notes, overview, error, tool call, messages, attributes, events. */
export function SpanDetail({ traceId, spanId, context, onSelectSpan, onClose }: {
  traceId: string;
  spanId: string;
  context: SpanDetailContext;
  onSelectSpan: (spanId: string) => void;
  onClose: () => void;
}) {
  const q = useQuery({
    queryKey: ["run-span", traceId, spanId],
    queryFn: () => apiGet<SpanResponse>(`/runs/${encodeURIComponent(traceId)}/spans/${encodeURIComponent(spanId)}`),
    staleTime: 60_000,
  });
  return (
    <aside className={styles.detail} data-testid="span-detail" aria-label="Span detail">
      <div className={styles.detailBar}>
        <span className="muted small">
          Span <code>{spanId}</code> <CopyButton text={spanId} what="span id" />
        </span>
        <button type="button" className="link-button" onClick={onClose} aria-label="Close span detail">
          Close
        </button>
      </div>
      <QueryStatus query={q} loading="Loading span…" hint="The span may belong to another run; pick a row in the tree, or reload if Onset was restarted." />
      {q.data && <SpanBody span={q.data.span} context={context} onSelectSpan={onSelectSpan} />}
    </aside>
  );
}

function SpanBody({ span, context, onSelectSpan }: { span: SpanRecord; context: SpanDetailContext; onSelectSpan: (spanId: string) => void }) {
  const markers = markersFor(context.marks, { kind: "span", spanId: span.spanId, stepId: null });
  const step = context.stepOfSpan.get(span.spanId);
  const label = step ? context.labelByStep.get(step.id) : undefined;
  const go = (id: string) => (e: MouseEvent) => {
    e.preventDefault();
    onSelectSpan(id);
  };
  const startMs = Date.parse(span.startTime);
  // A value is shown once: attributes that carry the tool call or the messages shown above are not listed again.
  const repeated = repeatedAttributeKeys(span.attributes, [span.tool?.arguments, span.tool?.result, contentText(span.input), contentText(span.output)]);
  return (
    <div className={styles.detailBody}>
      <h2 className={styles.detailTitle} data-testid="span-detail-name">
        {span.name}
      </h2>
      <p className="small">
        <span className={styles.chip} data-kind={span.type}>
          {span.type}
        </span>{" "}
        <span className={`badge status-${span.status}`}>{span.status}</span> {formatDuration(span.durationMs)}
        {step && <span className="muted"> · {stepLabel(step)}</span>}
      </p>

      {markers.onset && context.onsetEvidence && (
        <Note tone="onset" testId="detail-onset">
          <strong>Failure onset</strong> (confidence {Math.round(context.onsetEvidence.confidence * 100)}%): the earliest step the failure descends from.
          <EvidenceList evidence={context.onsetEvidence.evidence} go={go} />
        </Note>
      )}
      {markers.chain && (
        <Note tone="chain" testId="detail-chain">
          <strong>Downstream of the onset</strong>: {markers.chain === "incorrect" ? "this step was wrong itself, building on the onset" : "this step consumed the onset's effect"}.
        </Note>
      )}
      {markers.loop && <LoopNote loop={markers.loop} first={markers.loopOnset} />}
      {label && !markers.onset && (
        <Note tone={label.label === "incorrect" ? "chain" : "loop"}>
          <strong>Step marked {label.label}</strong> (score {Math.round(label.score * 100)}%)
          <EvidenceList evidence={label.evidence} go={go} />
        </Note>
      )}

      {span.error && (
        <Section title="Error" testId="detail-error">
          <p className="error">
            {span.error.type && <strong>{span.error.type}: </strong>}
            {span.error.message ?? span.statusMessage ?? "failed"}
          </p>
          {span.error.stacktrace && <pre className={styles.pre}>{span.error.stacktrace}</pre>}
        </Section>
      )}
      {!span.error && span.status === "error" && span.statusMessage && (
        <Section title="Error" testId="detail-error">
          <p className="error">{span.statusMessage}</p>
        </Section>
      )}

      <Section title="Overview">
        <table className={styles.attrs}>
          <tbody>
            {overview(span).map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td title={k === "Started" ? `${span.startTime} (UTC)` : undefined} data-testid={k === "Started" ? "detail-started" : undefined}>
                  {v}
                  {k === "Parent" && span.parentSpanId && <CopyButton text={span.parentSpanId} what="parent span id" />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      {span.tool && (
        <Section title={`Tool call: ${span.tool.name}`} testId="detail-tool">
          <h4 className={styles.minorHead}>Arguments</h4>
          <ContentBlock value={span.tool.arguments} testId="tool-arguments" what="arguments" />
          <h4 className={styles.minorHead}>Result</h4>
          <ContentBlock value={span.tool.result} testId="tool-result" what="result" />
        </Section>
      )}
      {span.input && !sameText(span.input, span.tool?.arguments) && (
        <Section title="Input" testId="detail-input">
          <SpanContentView content={span.input} testId="span-input" />
        </Section>
      )}
      {span.output && !sameText(span.output, span.tool?.result) && (
        <Section title="Output" testId="detail-output">
          <SpanContentView content={span.output} testId="span-output" />
        </Section>
      )}
      <Section title={`Attributes (${Object.keys(span.attributes).length})`} testId="detail-attributes">
        <AttributesTable attributes={span.attributes} testId="attributes-table" hidden={repeated} />
        {repeated.size > 0 && (
          <p className="small muted" data-testid="attributes-repeated">
            Not repeated here ({repeated.size}): {[...repeated].sort().join(", ")}, shown above.
          </p>
        )}
      </Section>
      <Section title={`Events (${span.events.length})`}>
        <EventsList events={span.events} spanStartMs={startMs} />
      </Section>
      <details className={styles.resource}>
        <summary>Resource ({Object.keys(span.resource).length})</summary>
        <AttributesTable attributes={span.resource} />
      </details>
    </div>
  );
}

function overview(s: SpanRecord): [string, string][] {
  // An LLM call that reported no usage: its tokens and cost are unknown, not zero or unpriced.
  const noUsage = s.type === "llm" && s.inputTokens === null && s.outputTokens === null;
  const rows: [string, string | null | undefined][] = [
    ["Model", s.model ? `${s.model}${s.provider ? ` (${s.provider})` : ""}` : null],
    ["Tokens in / out", noUsage ? "unknown (the call reported no usage)" : s.inputTokens !== null || s.outputTokens !== null ? `${formatTokens(s.inputTokens)} / ${formatTokens(s.outputTokens)}` : null],
    ["Cache read / write", s.cacheReadTokens || s.cacheWriteTokens ? `${formatTokens(s.cacheReadTokens ?? 0)} / ${formatTokens(s.cacheWriteTokens ?? 0)}` : null],
    ["Reasoning tokens", s.reasoningTokens ? formatTokens(s.reasoningTokens) : null],
    // Only a model call is priced: an agent or tool span's cost is its children's.
    ["Cost", s.costUsd !== null ? `${formatCost(s.costUsd)}${s.costSource ? ` (${s.costSource})` : ""}` : noUsage ? "unknown (no usage)" : s.model && s.type === "llm" ? "no price for this model" : null],
    ["Agent", s.agentName],
    ["Tool", s.toolName],
    ["Started", localTime(s.startTime)],
    ["Session", s.sessionId],
    ["User", s.userId],
    ["Service", s.serviceName],
    ["Scope", s.scopeName ? `${s.scopeName}${s.scopeVersion ? ` ${s.scopeVersion}` : ""}` : null],
    ["Convention", s.mapper],
    ["Parent", s.parentSpanId ?? "(root)"],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== null && r[1] !== undefined && r[1] !== "");
}

function LoopNote({ loop, first }: { loop: LoopFinding; first: boolean }) {
  return (
    <Note tone="loop" testId="detail-loop">
      <strong>{first ? "Loop starts here" : "Part of a loop"}</strong>: {loop.kind} ×{loop.count}, wasted {formatTokens(loop.wastedTokens)} tokens ({formatCost(loop.wastedCostUsd)}).
      <div className="small">{loop.signature}</div>
    </Note>
  );
}

function Note({ tone, children, testId }: { tone: "onset" | "chain" | "loop"; children: ReactNode; testId?: string }) {
  return (
    <div className={`${styles.note} ${styles[`note_${tone}`]}`} data-testid={testId}>
      {children}
    </div>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className={styles.section} data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** A start time in the browser's time zone, like the run header (UTC on hover), to the millisecond. */
function localTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    fractionalSecondDigits: 3,
    timeZoneName: "short",
  });
}

/** The text of a span's input or output when it is plain text (what a tool span's output usually repeats). */
function contentText(c: SpanRecord["input"]): string | null {
  if (!c) return null;
  return c.kind === "text" ? c.text : null;
}

/** True when a span's input/output is only the text already shown as the tool's arguments or result. */
function sameText(c: SpanRecord["input"], shown: string | null | undefined): boolean {
  const t = contentText(c);
  return t !== null && shown !== null && shown !== undefined && t.trim() === shown.trim();
}
