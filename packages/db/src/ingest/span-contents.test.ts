/**
 * The content store against a real Postgres: a message repeated by every LLM call of a
 * run, and by other runs, is stored once per project; another project sending the same
 * message gets its own copy; every read (a run, one span, a page, the analysis input)
 * returns the content exactly as decoded, raw attributes included; a re-send adds nothing.
 */
import { contentFromValue, decodeTraceRequestJson, type NormalizedSpan } from "@onset/otlp";
import { describe, expect, it } from "vitest";
import { getRunSpanPage } from "../repositories/run-span-pages";
import { listRunPreviews } from "../repositories/run-previews";
import { getRunSpan, searchRunSpans } from "../repositories/run-span-reads";
import { getRun, loadRunSpans } from "../repositories/runs";
import { conversationRequests } from "../test-support/agent-conversation";
import { useIngestFixture } from "../test-support/use-fixture";
import { makeSpan } from "../test-support/make-span";
import { jsonbText } from "./copy-text";

// Two runs of 6 LLM calls sharing one 3,000-character system prompt; each call carries
// the conversation so far (flattened and as input.value), so long strings repeat too.
const requests = conversationRequests({ runs: 2, steps: 6, systemChars: 3000, messageChars: 1500, seed: 3 });
const decoded = requests.map((r) => decodeTraceRequestJson(JSON.stringify(r)).spans);
const system = decoded[0]!.find((s) => s.input?.kind === "messages")!;
const systemMessage = system.input!.kind === "messages" ? system.input!.messages[0]! : null;

/** How the span reads back (costs are priced on ingest; the rest as decoded). */
function asStored(s: NormalizedSpan, back: NormalizedSpan | undefined): NormalizedSpan {
  return { ...s, costUsd: back?.costUsd ?? null, costSource: back?.costSource ?? null };
}

describe("content store", () => {
  const fx = useIngestFixture();

  const rowsWithBody = async (projectId: string, body: string) =>
    (await fx.pool.query(`SELECT count(*)::int AS n FROM span_contents WHERE project_id = $1 AND body = $2`, [projectId, body])).rows[0].n as number;
  const rowCount = async (projectId: string) =>
    (await fx.pool.query(`SELECT count(*)::int AS n FROM span_contents WHERE project_id = $1`, [projectId])).rows[0].n as number;

  it("stores a message every call of a run repeats once, and reads the run back as decoded", async () => {
    const spans = decoded[0]!;
    expect(await fx.ingest.write(fx.projectA, spans)).toEqual({ inserted: spans.length, duplicates: 0 });
    expect(await rowsWithBody(fx.projectA, jsonbText(systemMessage)!)).toBe(1);

    const back = await loadRunSpans(fx.pool, fx.projectA, spans[0]!.traceId);
    expect(back).toHaveLength(spans.length);
    for (const s of spans) {
      const b = back.find((x) => x.spanId === s.spanId);
      expect(b).toEqual(asStored(s, b));
    }
    // The long raw attribute (the whole conversation as one JSON string) comes back exactly.
    const last = spans.filter((s) => s.type === "llm").at(-1)!;
    expect((last.attributes["input.value"] as string).length).toBeGreaterThan(10_000);
    const row = await fx.pool.query(`SELECT attributes, input FROM spans WHERE project_id = $1 AND span_id = $2`, [fx.projectA, last.spanId]);
    // Stored by reference: the row keeps no attribute and only the short messages.
    expect(row.rows[0].attributes).toEqual({});
    const inline = row.rows[0].input.messages as unknown[];
    expect(inline.length).toBeLessThan(last.input!.kind === "messages" ? last.input!.messages.length : 0);
    for (const m of inline) expect(JSON.stringify(m).length).toBeLessThan(512);
    const one = await getRunSpan(fx.pool, fx.projectA, last.traceId, last.spanId);
    expect(one?.attributes).toEqual(last.attributes);
    expect(one?.input).toEqual(last.input);
    expect(one).not.toHaveProperty("contentRefs");
    const run = await getRun(fx.pool, fx.projectA, last.traceId);
    expect(run?.spans.find((s) => s.spanId === last.spanId)?.attributes).toEqual(last.attributes);
    const page = await getRunSpanPage(fx.pool, fx.projectA, last.traceId, { limit: 3 });
    const first = spans.find((s) => s.spanId === page!.spans[1]!.spanId)!;
    expect(page!.spans[1]!.attributes).toEqual(first.attributes);
    expect(page!.spans[1]!.input).toEqual(first.input);
  });

  it("stores the content far smaller than the calls repeat it", async () => {
    const stored = (await fx.pool.query(`SELECT sum(length(body))::int AS n FROM span_contents WHERE project_id = $1`, [fx.projectA])).rows[0].n as number;
    const sent = decoded[0]!.reduce((a, s) => a + (JSON.stringify(s.attributes).length + JSON.stringify(s.input ?? null).length), 0);
    // Each message once plus the attributes' chunks once: under half of what six calls
    // repeating the conversation (twice each) send, already on a run this short.
    expect(stored).toBeLessThan(sent / 2);
  });

  it("shares messages across runs of a project, and a re-send adds no row", async () => {
    const before = await rowCount(fx.projectA);
    await fx.ingest.write(fx.projectA, decoded[1]!);
    expect(await rowsWithBody(fx.projectA, jsonbText(systemMessage)!)).toBe(1);
    const after = await rowCount(fx.projectA);
    expect(after).toBeGreaterThan(before);
    expect(await fx.ingest.write(fx.projectA, decoded[1]!)).toEqual({ inserted: 0, duplicates: decoded[1]!.length });
    expect(await rowCount(fx.projectA)).toBe(after);
    const back = await loadRunSpans(fx.pool, fx.projectA, decoded[1]![0]!.traceId);
    for (const s of decoded[1]!) {
      const b = back.find((x) => x.spanId === s.spanId);
      expect(b).toEqual(asStored(s, b));
    }
  });

  it("never shares content across projects", async () => {
    await fx.ingest.write(fx.projectB, decoded[0]!);
    expect(await rowsWithBody(fx.projectA, jsonbText(systemMessage)!)).toBe(1);
    expect(await rowsWithBody(fx.projectB, jsonbText(systemMessage)!)).toBe(1);
    // B's copy stands on its own: with A's content gone, B still reads its run whole.
    await fx.pool.query(`DELETE FROM span_contents WHERE project_id = $1`, [fx.projectA]);
    const back = await loadRunSpans(fx.pool, fx.projectB, decoded[0]![0]!.traceId);
    for (const s of decoded[0]!) {
      const b = back.find((x) => x.spanId === s.spanId);
      expect(b).toEqual(asStored(s, b));
    }
    // And a message only B sent is nowhere in A's store.
    const secret = { role: "user", content: `only project b says this ${"b".repeat(600)}` };
    await fx.ingest.write(fx.projectB, [
      makeSpan({ traceId: "b".repeat(32), spanId: "1".repeat(16), type: "llm", input: { kind: "messages", messages: [secret] } }),
    ]);
    expect(await rowsWithBody(fx.projectB, jsonbText(secret)!)).toBe(1);
    expect(await rowsWithBody(fx.projectA, jsonbText(secret)!)).toBe(0);
  });

  it("gives back long content with NUL and lone surrogates as the inline jsonb did, onset.* attributes kept in the row", async () => {
    const odd = `${"x".repeat(2000)}\u0000${"é".repeat(1500)}\ud800tail😀${"y".repeat(1200)}`;
    const short = { role: "user", content: "hi" };
    const long = { role: "assistant", content: odd };
    const span = makeSpan({
      traceId: "c".repeat(32),
      spanId: "2".repeat(16),
      input: { kind: "messages", messages: [short, long, short] },
      output: { kind: "text", text: odd },
      attributes: { long: odd, nested: [{ v: odd }], "onset.task": "t-1" },
    });
    await fx.ingest.write(fx.projectA, [span]);
    const want = JSON.parse(jsonbText(odd)!) as string;
    const back = await getRunSpan(fx.pool, fx.projectA, span.traceId, span.spanId);
    expect(back?.attributes).toEqual({ long: want, nested: [{ v: want }], "onset.task": "t-1" });
    expect(back?.input).toEqual({ kind: "messages", messages: [short, { ...long, content: want }, short] });
    expect(back?.output).toEqual({ kind: "text", text: want });
    const row = await fx.pool.query(`SELECT attributes FROM spans WHERE project_id = $1 AND span_id = $2`, [fx.projectA, span.spanId]);
    expect(row.rows[0].attributes).toEqual({ "onset.task": "t-1" });
  });

  it("stores a tool call's arguments and result once, and reads them back as the span's input and output", async () => {
    const traceId = "d".repeat(32);
    const args = '{"query": "weather in Paris", "units": ["C"]}';
    const result = "Sunny and mild";
    const tool = { name: "search", callId: "call-a", arguments: args, result };
    // As the mappers derive them: the arguments and result shown as input and output.
    const derived = makeSpan({ traceId, spanId: "3".repeat(16), type: "tool", tool, input: contentFromValue(args), output: contentFromValue(result) });
    // A convention that set its own input keeps it.
    const own = makeSpan({ traceId, spanId: "4".repeat(16), startTimeMs: derived.startTimeMs + 1, type: "tool", tool: { ...tool, callId: "call-b" }, input: { kind: "text", text: "look it up" }, output: contentFromValue(result) });
    await fx.ingest.write(fx.projectA, [derived, own]);
    const rows = await fx.pool.query(`SELECT span_id, input, output FROM spans WHERE project_id = $1 AND trace_id = $2 ORDER BY span_id`, [fx.projectA, traceId]);
    expect(rows.rows.map((r) => [r.input, r.output])).toEqual([[0, 0], [{ kind: "text", text: "look it up" }, 0]]);

    for (const s of [derived, own]) {
      const back = await getRunSpan(fx.pool, fx.projectA, traceId, s.spanId);
      expect(back?.input).toEqual(s.input);
      expect(back?.output).toEqual(s.output);
    }
    const run = await loadRunSpans(fx.pool, fx.projectA, traceId);
    expect(run).toHaveLength(2);
    for (const b of run) expect(b).toEqual(asStored(b.spanId === derived.spanId ? derived : own, b));
    const preview = (await listRunPreviews(fx.pool, fx.projectA, [{ traceId, rootSpanId: null, errorCount: 0 }])).get(traceId);
    expect(preview?.output).toBe(result);
    // Search finds the arguments through the tool column; the marker itself matches nothing.
    expect((await searchRunSpans(fx.pool, fx.projectA, traceId, "Paris")).spanIds).toEqual([derived.spanId, own.spanId]);
    expect((await searchRunSpans(fx.pool, fx.projectA, traceId, "0")).spanIds).toEqual([]);
  });
});
