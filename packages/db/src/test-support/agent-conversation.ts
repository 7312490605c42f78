/**
 * Agent runs as OTLP/JSON the way OpenInference instrumentations (smolagents, LangChain)
 * send them, for the content-store tests and the storage benchmark
 * (scripts/bench-storage.ts). Every LLM call carries the whole conversation so far, twice
 * as real instrumentations do: flattened (`llm.input_messages.N.message.*`) and as one
 * JSON string (`input.value`); tool calls carry their arguments and results.
 *
 *   agent  |==========================================|
 *   llm     |==|      |==|      |==|      ...            call k: system, task, k-1 steps
 *   tool        |===|     |===|     |===|                     (assistant + tool result)
 *
 * Text is drawn from a fixed vocabulary with a seeded generator: deterministic, and about
 * as compressible as English.
 */

const WORDS = (
  "the a to of and in is that for it on with as this be are was by not or from at an file test " +
  "function error value return line code change run check found result import class def self " +
  "path output input should will can need let me now first then next fix bug issue failing " +
  "assert expected actual module package config data list dict string number true false none " +
  "call tool step plan look see read write edit open search grep replace patch diff commit"
).split(" ");

/** A seeded xorshift generator (deterministic workloads). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

function text(r: () => number, chars: number): string {
  let s = "";
  while (s.length < chars) s += (s ? " " : "") + WORDS[Math.floor(r() * WORDS.length)];
  return s;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function attr(key: string, v: string | number): Json {
  return { key, value: typeof v === "string" ? { stringValue: v } : { intValue: String(v) } };
}

/** Shape of a generated workload. */
export interface ConversationWorkload {
  /** Runs (traces) to generate. */
  runs: number;
  /** LLM calls per run (each followed by one tool call but the last). */
  steps: number;
  /** Characters of the system prompt (the same in every run). */
  systemChars: number;
  /** Characters of each assistant message and of each tool result. */
  messageChars: number;
  /** Seed of the text generator; runs differ by their own seed derived from it. */
  seed?: number;
  /** Epoch ms of the first run's start. */
  startMs?: number;
}

/** Hex id of `n` with `len` characters. */
function hex(n: number, len: number): string {
  return n.toString(16).padStart(len, "0");
}

/**
 * One OTLP/JSON ExportTraceServiceRequest per run (each a plain object, ready for
 * JSON.stringify). Run i has trace id i+1 (32 hex characters).
 */
export function conversationRequests(w: ConversationWorkload): Record<string, Json>[] {
  const seed = w.seed ?? 1;
  const base = w.startMs ?? Date.UTC(2026, 10, 20, 12, 0, 0);
  const system = text(rng(seed), w.systemChars);
  const out: Record<string, Json>[] = [];
  for (let run = 0; run < w.runs; run++) {
    const r = rng(seed * 7919 + run + 1);
    const traceId = hex(run + 1, 32);
    const t0 = base + run * 60_000;
    const ns = (ms: number) => (BigInt(Math.round(ms)) * 1_000_000n).toString();
    const messages: { role: string; content: string }[] = [
      { role: "system", content: system },
      { role: "user", content: `Task ${run}: ${text(r, 200)}` },
    ];
    const rootId = hex(run * 1000 + 1, 16);
    const spans: Json[] = [];
    let t = t0 + 1;
    let spanN = 2;
    for (let step = 0; step < w.steps; step++) {
      const answer = { role: "assistant", content: text(r, w.messageChars) };
      const flattened: Json[] = [];
      messages.forEach((m, i) => {
        flattened.push(attr(`llm.input_messages.${i}.message.role`, m.role), attr(`llm.input_messages.${i}.message.content`, m.content));
      });
      spans.push({
        traceId,
        spanId: hex(run * 1000 + spanN++, 16),
        parentSpanId: rootId,
        name: "OpenAIServerModel.generate",
        kind: 1,
        startTimeUnixNano: ns(t),
        endTimeUnixNano: ns(t + 800),
        attributes: [
          attr("openinference.span.kind", "LLM"),
          attr("llm.model_name", "gpt-4o-mini"),
          ...flattened,
          attr("input.value", JSON.stringify({ messages })),
          attr("input.mime_type", "application/json"),
          attr("llm.output_messages.0.message.role", "assistant"),
          attr("llm.output_messages.0.message.content", answer.content),
          attr("output.value", answer.content),
          attr("llm.token_count.prompt", 100 * messages.length),
          attr("llm.token_count.completion", 120),
        ],
        status: { code: 1 },
      });
      t += 1000;
      messages.push(answer);
      if (step === w.steps - 1) break;
      const args = JSON.stringify({ command: `grep -rn ${text(r, 20)}` });
      const result = text(r, w.messageChars);
      spans.push({
        traceId,
        spanId: hex(run * 1000 + spanN++, 16),
        parentSpanId: rootId,
        name: "shell",
        kind: 1,
        startTimeUnixNano: ns(t),
        endTimeUnixNano: ns(t + 300),
        attributes: [attr("openinference.span.kind", "TOOL"), attr("tool.name", "shell"), attr("input.value", args), attr("output.value", result)],
        status: { code: 1 },
      });
      t += 500;
      messages.push({ role: "user", content: `Observation: ${result}` });
    }
    spans.unshift({
      traceId,
      spanId: rootId,
      name: "CodeAgent.run",
      kind: 1,
      startTimeUnixNano: ns(t0),
      endTimeUnixNano: ns(t + 10),
      attributes: [attr("openinference.span.kind", "AGENT"), attr("input.value", messages[1]!.content), attr("output.value", messages.at(-1)!.content)],
      status: { code: 1 },
    });
    out.push({
      resourceSpans: [
        {
          resource: { attributes: [attr("service.name", "coder-agent")] },
          scopeSpans: [{ scope: { name: "openinference.instrumentation.smolagents", version: "0.1.0" }, spans }],
        },
      ],
    });
  }
  return out;
}
