/**
 * The "new failure mode" rule end to end: failed runs stored through the real ingest
 * path, analyzed and stored the way the analysis service stores them (their failure mode
 * recorded), and a real engine firing to a local webhook receiver: `first_seen` fires
 * once for a mode first seen in the window, and resolves when that sighting leaves it;
 * `count` waits for the threshold.
 */
import { analyzeRun, failureSignature } from "@onset/analysis";
import { ensureProject, SpanIngest, storeRunAnalysis } from "@onset/db";
import { makeSpan } from "@onset/db/test-support";
import type { NormalizedSpan } from "@onset/otlp";
import { describe, expect, it } from "vitest";
import { createAlertEngine } from "./alert-engine";
import { createRule } from "./rule-service";
import { RuleInputSchema } from "./rule-schema";
import { memoryLog } from "./test-support/silent-log";
import { useAlertsDatabase } from "./test-support/alerts-database";

/**
 * A failed run whose edit breaks a test (`n` varies the file and the numbers: same mode):
 *   agent coder |=====================| error
 *   chat → edit_file src/m<n>.py
 *   chat → run_tests   FAILED ... assert <n> == 3 (exit 1)
 *   chat "Done."
 */
function failedRun(traceId: string, n: number): NormalizedSpan[] {
  const t0 = Date.now() - 60_000;
  const root = "a000000000000001";
  const span = (k: number, type: "llm" | "tool", tool: [string, string, string, number] | null, text = "") =>
    makeSpan({
      traceId,
      spanId: `${type === "llm" ? "b" : "c"}00000000000000${k}`,
      parentSpanId: root,
      name: type === "llm" ? "chat gpt-4o" : `execute_tool ${tool![0]}`,
      type,
      agentName: "coder",
      statusCode: tool && tool[3] !== 0 ? "error" : "ok",
      startTimeMs: t0 + 100 * k + (type === "tool" ? 50 : 0),
      endTimeMs: t0 + 100 * k + (type === "tool" ? 90 : 40),
      ...(type === "llm"
        ? { model: "gpt-4o", output: { kind: "messages" as const, messages: [{ role: "assistant", content: text, ...(tool ? { toolCalls: [{ id: `call_${k}`, name: tool[0], arguments: tool[1] }] } : {}) }] } }
        : { tool: { name: tool![0], callId: `call_${k}`, arguments: tool![1], result: tool![2] }, attributes: { "process.exit.code": tool![3] } }),
    });
  const edit: [string, string, string, number] = ["edit_file", JSON.stringify({ path: `src/m${n}.py`, old: "a+b", new: "a-b" }), "edited", 0];
  const test: [string, string, string, number] = ["run_tests", "{}", `FAILED tests/test_m${n}.py::test_add - AssertionError: assert ${n} == 3\n1 failed`, 1];
  return [
    makeSpan({ traceId, spanId: root, name: "invoke_agent coder", type: "agent", agentName: "coder", statusCode: "error", startTimeMs: t0, endTimeMs: t0 + 1000 }),
    span(1, "llm", edit),
    span(1, "tool", edit),
    span(2, "llm", test),
    span(2, "tool", test),
    span(3, "llm", null, "Done."),
  ];
}

describe('the "new failure mode" rule', () => {
  const fx = useAlertsDatabase(4);


  /** Ingests the runs and stores their analyses with their failure modes. */
  async function failRuns(project: string, runs: [string, number][]) {
    const ingest = new SpanIngest(fx.pool);
    await ingest.start();
    for (const [traceId, n] of runs) {
      const spans = failedRun(traceId, n);
      await ingest.write(project, spans);
      const analysis = analyzeRun(spans);
      await storeRunAnalysis(fx.pool, project, traceId, { spanCount: spans.length, result: analysis, onsetSpanId: analysis.onset?.spanId ?? null, loopCount: 0, costFindingCount: 0, failureMode: failureSignature(analysis) });
    }
    await ingest.close();
  }
  async function setup(slug: string, rule: Record<string, unknown>) {
    const project = (await ensureProject(fx.prisma, slug, slug)).project.id;
    const created = await createRule(fx.pool, project, RuleInputSchema.parse({ name: slug, webhookUrl: fx.receiver.url, ...rule }), { allowPrivateWebhooks: true });
    return { project, ruleId: created.rule.id };
  }
  const hooksOf = (ruleId: string) => fx.receiver.received.filter((h) => (h.json as { rule?: { id?: string } }).rule?.id === ruleId);

  it("first_seen: fires once for a mode first seen in the window, and resolves when that leaves the window", async () => {
    const { project, ruleId } = await setup("fm-first", { kind: "new_failure_mode", threshold: 1, windowSec: 3600, config: { trigger: "first_seen" } });
    await failRuns(project, [
      ["1".repeat(32), 1],
      ["2".repeat(32), 7],
    ]);
    let offset = 0;
    const engine = createAlertEngine({ pool: fx.pool, log: memoryLog(), publicWebUrl: "http://onset.test", allowPrivateWebhooks: true, now: () => Date.now() + offset });
    await engine.evaluateWindows();
    await engine.deliverDue();
    await fx.receiver.waitFor(1);
    const [fired] = hooksOf(ruleId);
    expect(fired!.json).toMatchObject({ type: "firing", value: 2, unit: "runs", details: { trigger: "first_seen", failureMode: { agentName: "coder", errorClass: "FAILED <path> - AssertionError: assert <n> == <n>" } } });
    expect((fired!.json as { message: string }).message).toMatch(/^New failure mode "FAILED <path> - AssertionError: assert <n> == <n>" \(.+, agent coder, tool .+\): first seen .+, 2 failed run\(s\) in the last 1 h\.$/);
    // Still new, no re-notify interval: nothing more.
    await engine.evaluateWindows();
    await engine.deliverDue();
    expect(hooksOf(ruleId)).toHaveLength(1);
    // Two hours later the mode is no longer new.
    offset = 2 * 3600_000;
    await engine.evaluateWindows();
    await engine.deliverDue();
    const deadline = Date.now() + 10_000;
    while (hooksOf(ruleId).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(hooksOf(ruleId)[1]!.json).toMatchObject({ type: "resolved" });
    await engine.stop();
  });

  it("count: waits for the threshold of runs in the window", async () => {
    const { project, ruleId } = await setup("fm-count", { kind: "new_failure_mode", threshold: 3, windowSec: 3600, config: { trigger: "count" } });
    await failRuns(project, [
      ["3".repeat(32), 2],
      ["4".repeat(32), 5],
    ]);
    const engine = createAlertEngine({ pool: fx.pool, log: memoryLog(), publicWebUrl: "http://onset.test", allowPrivateWebhooks: true });
    await engine.evaluateWindows();
    await engine.deliverDue();
    expect(hooksOf(ruleId)).toHaveLength(0);
    await failRuns(project, [["5".repeat(32), 9]]);
    await engine.evaluateWindows();
    await engine.deliverDue();
    const deadline = Date.now() + 10_000;
    while (hooksOf(ruleId).length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(hooksOf(ruleId)[0]!.json).toMatchObject({ type: "firing", value: 3 });
    expect((hooksOf(ruleId)[0]!.json as { message: string }).message).toMatch(/: 3 failed runs in the last 1 h, at or over 3\.$/);
    await engine.stop();
  });

  it("refuses a rule without a window, or a threshold under 1", () => {
    expect(RuleInputSchema.safeParse({ kind: "new_failure_mode", name: "x", webhookUrl: "https://h.example/x", threshold: 1 }).success).toBe(false);
    expect(RuleInputSchema.safeParse({ kind: "new_failure_mode", name: "x", webhookUrl: "https://h.example/x", threshold: 0, windowSec: 3600 }).success).toBe(false);
  });
});
