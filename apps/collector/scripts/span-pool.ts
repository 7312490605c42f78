/**
 * A bounded pool of SDK spans replayed as new runs: pass g over the pool gives every
 * span a trace id whose first 8 hex digits are g (span ids and parent links unchanged,
 * so each replayed run is whole and new to the store). The benchmark's client then
 * holds ~100 MB of spans instead of one object graph per span sent, whose garbage
 * collection on a 2-core machine would otherwise be measured as collector slowness.
 */
import type { SpanContext } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { LlmRunSpans } from "../test-support/llm-run-spans";

/** Batches of fresh-looking spans drawn from a fixed pool. */
export class SpanPool {
  private readonly spans: ReadableSpan[];

  constructor(size: number, seed: number) {
    this.spans = new LlmRunSpans(seed, 10).next(size);
  }

  /** `count` spans starting at overall position `offset` (pass = offset / pool size). */
  slice(offset: number, count: number): ReadableSpan[] {
    const out: ReadableSpan[] = [];
    for (let i = offset; i < offset + count; i++) {
      const generation = Math.floor(i / this.spans.length) + 1;
      out.push(replay(this.spans[i % this.spans.length]!, generation));
    }
    return out;
  }
}

function replay(span: ReadableSpan, generation: number): ReadableSpan {
  const ctx = span.spanContext();
  const traceId = generation.toString(16).padStart(8, "0") + ctx.traceId.slice(8);
  const replayed: SpanContext = { ...ctx, traceId };
  const view = Object.create(span) as ReadableSpan;
  Object.defineProperty(view, "spanContext", { value: () => replayed });
  return view;
}
