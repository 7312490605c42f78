/**
 * NormalizedSpan[] -> ordered RunEvent[] (docs/spec/run-diff.md §1): the events of
 * each span (span-events.ts), put in the order they happened, with their steps and agents.
 * The rules, in full, are in src/diff/README.md.
 */
import type { NormalizedSpan } from "@onset/otlp";
import type { EventMetrics, RunEvent, RunEventPayloads } from "./event-types";
import { agentNameOf, spanDrafts } from "./span-events";
import type { Draft } from "./span-events";
import { attrNumber, attrString, answerText, spanLatencyMs, spanTokens } from "./span-reading";

/** Parent links and depths of a span set, tolerant of orphans and cycles. */
class SpanIndex {
  readonly byId = new Map<string, NormalizedSpan>();
  readonly order = new Map<NormalizedSpan, number>();
  private readonly depthMemo = new Map<NormalizedSpan, number>();
  private readonly agentMemo = new Map<NormalizedSpan, string | null>();

  constructor(spans: readonly NormalizedSpan[]) {
    spans.forEach((s, i) => {
      if (!this.byId.has(s.spanId)) this.byId.set(s.spanId, s);
      this.order.set(s, i);
    });
  }

  parent(span: NormalizedSpan): NormalizedSpan | null {
    if (!span.parentSpanId) return null;
    const p = this.byId.get(span.parentSpanId);
    return p && p !== span ? p : null;
  }

  /** Ancestors nearest first; stops on a cycle. */
  *ancestors(span: NormalizedSpan): Generator<NormalizedSpan> {
    const seen = new Set<NormalizedSpan>([span]);
    let p = this.parent(span);
    while (p && !seen.has(p)) {
      yield p;
      seen.add(p);
      p = this.parent(p);
    }
  }

  depth(span: NormalizedSpan): number {
    let d = this.depthMemo.get(span);
    if (d === undefined) {
      d = 0;
      for (const _ of this.ancestors(span)) d++;
      this.depthMemo.set(span, d);
    }
    return d;
  }

  /** The span's own agent name, else the nearest agent ancestor's. */
  agentOf(span: NormalizedSpan): string | null {
    let a = this.agentMemo.get(span);
    if (a === undefined) {
      a = span.agentName ?? (span.type === "agent" ? agentNameOf(span) : null);
      if (a === null) {
        for (const anc of this.ancestors(span)) {
          const name = anc.agentName ?? (anc.type === "agent" ? agentNameOf(anc) : null);
          if (name !== null) {
            a = name;
            break;
          }
        }
      }
      this.agentMemo.set(span, a);
    }
    return a;
  }

  /** The run's root: a span without a (known) parent, earliest first, then input order. */
  root(spans: readonly NormalizedSpan[]): NormalizedSpan | null {
    let best: NormalizedSpan | null = null;
    for (const s of spans) {
      if (this.parent(s) !== null) continue;
      if (best === null || s.startTimeMs < best.startTimeMs) best = s;
    }
    return best;
  }
}

/** The root's answer text, trimmed; the `onset.run.final_answer` attribute when the root has no output. */
function finalAnswerOf(root: NormalizedSpan | null): string | null {
  if (!root) return null;
  const text = answerText(root.output) ?? attrString(root, "onset.run.final_answer");
  return text !== null && text.trim() !== "" ? text : null;
}

/** Metrics of a span, for its first event. */
function metricsOf(span: NormalizedSpan): EventMetrics {
  return { tokens: spanTokens(span), costUsd: span.costUsd, latencyMs: spanLatencyMs(span) };
}

/**
 * Events of a run, ordered by the time each happens (invocations at their span's start,
 * outputs, answers and errors at its end). Ties: end-of-span events before start-of-span
 * events; among starts, parents before children; among ends, children before parents; then
 * span order in the input, then order within the span. Steps: `onset.step.index` when the run
 * carries it (imported runs); otherwise a new step opens at each decision (routing decision or
 * LLM call) and every other event belongs to the step open when it happens.
 */
export function extractRunEvents(spans: readonly NormalizedSpan[]): RunEvent[] {
  const index = new SpanIndex(spans);
  const root = index.root(spans);
  const finalAnswer = finalAnswerOf(root);
  const drafts: { d: Draft; depthKey: number; order: number }[] = [];
  spans.forEach((span, order) => {
    for (const d of spanDrafts(span, span === root, finalAnswer)) {
      const depth = index.depth(span);
      drafts.push({ d, depthKey: d.phase === 0 ? depth : -depth, order });
    }
  });
  drafts.sort(
    (x, y) =>
      x.d.timeMs - y.d.timeMs ||
      y.d.phase - x.d.phase || // phase 1 (ends) before phase 0 (starts) at the same instant
      x.depthKey - y.depthKey ||
      x.order - y.order ||
      x.d.subOrder - y.d.subOrder,
  );

  // Hand-off then the target agent's own span is one routing decision, not two.
  const kept = drafts.filter((x, i) => {
    if (x.d.type !== "routing_decision") return true;
    const p = x.d.payload as RunEventPayloads["routing_decision"];
    if (p.via !== "agent_span") return true;
    for (let k = i - 1; k >= 0; k--) {
      const prev = drafts[k]!.d;
      if (prev.type !== "routing_decision") continue;
      const pp = prev.payload as RunEventPayloads["routing_decision"];
      return !(pp.via === "handoff" && pp.chosenAgent === p.chosenAgent);
    }
    return true;
  });

  const explicitStep = (span: NormalizedSpan): number | null => {
    const own = attrNumber(span, "onset.step.index");
    if (own !== null) return own;
    for (const anc of index.ancestors(span)) {
      const v = attrNumber(anc, "onset.step.index");
      if (v !== null) return v;
    }
    return null;
  };
  const hasExplicitSteps = spans.some((s) => attrNumber(s, "onset.step.index") !== null);
  const seenSpans = new Set<NormalizedSpan>();
  let step = 0;
  if (hasExplicitSteps) {
    // Events before the first explicitly numbered one join that first step.
    for (const x of kept) {
      const s = explicitStep(x.d.span);
      if (s !== null) {
        step = s;
        break;
      }
    }
  }
  return kept.map(({ d }) => {
    if (hasExplicitSteps) {
      step = explicitStep(d.span) ?? step;
    } else if (d.type === "routing_decision" || d.type === "llm_call") {
      step += 1;
    } else if (step === 0) {
      step = 1;
    }
    const first = !seenSpans.has(d.span);
    seenSpans.add(d.span);
    return {
      type: d.type,
      payload: d.payload,
      spanId: d.span.spanId,
      step,
      agent: index.agentOf(d.span),
      timeMs: d.timeMs,
      spanOrder: index.order.get(d.span) ?? 0,
      subOrder: d.subOrder,
      metrics: first ? metricsOf(d.span) : null,
    } as RunEvent;
  });
}
