import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { NormalizedSpan } from "@onset/otlp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeRun } from "../analyze-run";
import { RunAnalysisSchema, type RunAnalysis } from "../schema/analysis-schema";
import { edit, sh } from "../test-support/coding-steps";
import { RunBuilder } from "../test-support/span-builder";
import { buildJudgePrompt, JUDGE_CATEGORIES } from "./judge-prompt";
import { buildJudgeTranscript } from "./judge-transcript";
import { firstJsonObject, parseJudgeContent } from "./judge-reply";
import { judgeOnset } from "./judge-onset";

/**
 * A failed run with two candidates:
 * s0 cat | s1 edit a.py (unverified...) | s2 pytest FAIL never passes | s3 edit b.py | s4 pytest FAIL | s5 submit
 */
function failedRun(): { analysis: RunAnalysis; ids: string[]; spans: NormalizedSpan[] } {
  const b = new RunBuilder();
  const a = b.agent("coder", { attrs: { "onset.run.outcome": "failed" } });
  const ids = [
    sh(b, a, "cat src/a.py src/b.py", "...", 0),
    sh(b, a, "pytest -q", "FAILED tests/test_a.py::test_x\n1 failed", 1),
    edit(b, a, "src/a.py", "x = 1", "x = 2"),
    sh(b, a, "pytest -q", "FAILED tests/test_a.py::test_x\n1 failed", 1),
    edit(b, a, "src/b.py", "y = 1", "y = 2"),
    sh(b, a, "pytest -q", "FAILED tests/test_a.py::test_x\n1 failed", 1),
    sh(b, a, "submit", "diff", 0),
  ];
  const spans = b.build();
  // The task, as the first decision saw it.
  const first = spans.find((s) => s.spanId === ids[0])!;
  first.input = { kind: "messages", messages: [{ role: "system", content: "You fix bugs." }, { role: "user", content: "Make tests/test_a.py::test_x pass without touching the tests." }] };
  return { analysis: analyzeRun(spans), ids, spans };
}

// The fake endpoint: behaviour chosen per test through `mode`.
let mode: "pick-second" | "agree" | "slow" | "garbage" | "http500" | "no-content" | "prose-json" | "bad-schema" | "odd-category" = "agree";
let lastBody: { model?: string; messages?: { role: string; content: string }[] } = {};
const slowTimers: NodeJS.Timeout[] = [];
let lastAuth: string | undefined;
let server: Server;
let baseUrl = "";

function reply(res: ServerResponse, content: string, usage: Record<string, number> = { prompt_tokens: 812, completion_tokens: 64 }): void {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ id: "c1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content } }], usage }));
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      lastBody = JSON.parse(raw) as typeof lastBody;
      lastAuth = req.headers.authorization;
      if (req.url !== "/v1/chat/completions") {
        res.writeHead(404).end();
        return;
      }
      switch (mode) {
        case "agree":
          return reply(res, JSON.stringify({ onset_step: 2, ranking: [2, 4], explanation: "The first edit broke the test." }));
        case "pick-second":
          return reply(res, JSON.stringify({ onset_step: 4, ranking: [4, 2], category: "wrong-edit", explanation: "The b.py edit is the real culprit." }), { prompt_tokens: 900, completion_tokens: 50, cost: 0.0042 } as Record<string, number>);
        case "bad-schema":
          return reply(res, JSON.stringify({ onset_step: "the second edit", explanation: "words, not a step number" }));
        case "odd-category":
          return reply(res, JSON.stringify({ onset_step: 2, category: "cosmic-rays", explanation: "x" }));
        case "prose-json":
          return reply(res, 'Sure! Here is my verdict:\n```json\n{"onset_step": "2", "explanation": "string step numbers are fine"}\n```');
        case "slow":
          // Answers long after the judge's timeout; cleared when the server closes.
          slowTimers.push(setTimeout(() => reply(res, JSON.stringify({ onset_step: 4 })), 10_000));
          return;
        case "garbage":
          res.writeHead(200, { "content-type": "text/plain" });
          res.end("<<<not json>>>");
          return;
        case "http500":
          res.writeHead(500, { "content-type": "application/json" });
          res.end('{"error":"boom"}');
          return;
        case "no-content":
          return reply(res, "I think it is probably the edit, hard to say.");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  for (const t of slowTimers) clearTimeout(t);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A generous timeout for answers that come at once (a busy CI machine must not fail them), a short one for the slow endpoint. */
const config = (timeoutMs = 5_000) => ({ baseUrl, model: "judge-model", apiKey: "sk-test", timeoutMs, inputUsdPerMTok: 1, outputUsdPerMTok: 2 });

describe("judgeOnset against a real local HTTP endpoint", () => {
  it("sends the candidates to /chat/completions and records agreement, tokens and cost", async () => {
    mode = "agree";
    const { analysis, ids } = failedRun();
    expect(analysis.onset?.stepId).toBe(ids[2]);
    const judged = await judgeOnset(analysis, config(), fetch);
    expect(lastBody.model).toBe("judge-model");
    expect(judged.judge).toMatchObject({ pick: { stepId: ids[2], stepIndex: 2, agentName: "coder" }, deterministicStepId: ids[2], category: "other" });
    expect(lastAuth).toBe("Bearer sk-test");
    expect(lastBody.messages?.[1]?.content).toContain("step 2");
    expect(judged.judge).toMatchObject({ status: "kept", promptTokens: 812, completionTokens: 64, ranking: [ids[2], ids[4]] });
    expect(judged.judge!.costUsd).toBeCloseTo((812 * 1 + 64 * 2) / 1e6, 12);
    expect(judged.onset?.stepId).toBe(ids[2]);
    expect(judged.onset!.confidence).toBeGreaterThan(analysis.onset!.confidence);
    expect(RunAnalysisSchema.parse(judged)).toEqual(judged);
  });

  it("moves the onset to the judge's pick, keeps labels consistent, and prefers a reported cost", async () => {
    mode = "pick-second";
    const { analysis, ids } = failedRun();
    const judged = await judgeOnset(analysis, config(), fetch);
    expect(judged.judge).toMatchObject({ status: "applied", costUsd: 0.0042, explanation: "The b.py edit is the real culprit.", category: "wrong-edit" });
    expect(judged.judge).toMatchObject({ pick: { stepId: ids[4], stepIndex: 4 }, deterministicStepId: ids[2] });
    expect(judged.onset?.stepId).toBe(ids[4]);
    expect(judged.onset!.evidence[0]!.kind).toBe("judge");
    // The onset is the earliest incorrect step: nothing before the pick stays labelled incorrect.
    const incorrect = judged.labels.filter((l) => l.label === "incorrect").map((l) => l.stepIndex);
    expect(Math.min(...incorrect)).toBe(4);
    // The input analysis is untouched.
    expect(analysis.onset?.stepId).toBe(ids[2]);
  });

  it("reads JSON wrapped in prose and code fences", async () => {
    mode = "prose-json";
    const { analysis } = failedRun();
    const judged = await judgeOnset(analysis, config(), fetch);
    expect(judged.judge?.status).toBe("kept");
  });

  // Each row: endpoint behaviour, what the note must say. The deterministic answer must survive.
  const FAILURES: [typeof mode, RegExp][] = [
    ["slow", /timed out after 300 ms/],
    ["garbage", /not JSON/],
    ["http500", /HTTP 500/],
    ["no-content", /no JSON object/],
    ["bad-schema", /lacks a valid onset_step/],
  ];
  it.each(FAILURES)("on %s returns the deterministic onset unchanged with a note", async (m, note) => {
    mode = m;
    const { analysis } = failedRun();
    const judged = await judgeOnset(analysis, config(m === "slow" ? 300 : 5_000), fetch);
    expect(judged.judge?.status).toBe("failed");
    expect(judged.judge?.note).toMatch(note);
    expect(judged.judge?.note).toMatch(/deterministic onset kept$/);
    expect(judged.judge).toMatchObject({ pick: null, category: null });
    expect(judged.onset).toEqual(analysis.onset);
    expect(judged.labels).toEqual(analysis.labels);
  });

  it("fails cleanly when the endpoint is unreachable", async () => {
    const { analysis } = failedRun();
    const judged = await judgeOnset(analysis, { ...config(), baseUrl: "http://127.0.0.1:1/v1" }, fetch);
    expect(judged.judge?.status).toBe("failed");
    expect(judged.onset).toEqual(analysis.onset);
  });

  it("does not call the endpoint for a run without an onset", async () => {
    const b = new RunBuilder();
    sh(b, b.agent("a", { attrs: { "onset.run.outcome": "succeeded" } }), "ls", "x", 0);
    let called = false;
    const judged = await judgeOnset(analyzeRun(b.build()), config(), async () => {
      called = true;
      throw new Error("should not be called");
    });
    expect(called).toBe(false);
    expect(judged.judge?.status).toBe("kept");
  });
});

describe("judge prompt and reply parsing", () => {
  it("sends the task, each step's reasoning, actions and observations, and the candidates with evidence", async () => {
    mode = "agree";
    const { analysis, spans } = failedRun();
    await judgeOnset(analysis, config(), fetch, spans);
    const user = lastBody.messages?.[1]?.content ?? "";
    expect(user).toContain("Make tests/test_a.py::test_x pass without touching the tests.");
    expect(user).toContain("action: cat src/a.py src/b.py -> ok");
    expect(user).toContain("observation: FAILED tests/test_a.py::test_x 1 failed");
    expect(user).toMatch(/- step 2 \(score [0-9.]+\)\n    [a-z-]+: /);
    expect(user).toContain("The deterministic analysis names step 2 as the onset");
    expect(lastBody.messages?.[0]?.content).toContain(JUDGE_CATEGORIES.join(", "));
  });

  it("a category outside the list reads as other, and the pick stands", async () => {
    mode = "odd-category";
    const { analysis, ids } = failedRun();
    const judged = await judgeOnset(analysis, config(), fetch);
    expect(judged.judge).toMatchObject({ status: "kept", category: "other", pick: { stepId: ids[2] } });
  });

  it("shows every step of a short run, at full length", () => {
    const { analysis, spans } = failedRun();
    const prompt = buildJudgePrompt(analysis, buildJudgeTranscript(analysis, spans), 2, 8000);
    expect(prompt.candidateIndexes[0]).toBe(2);
    expect(prompt.shownIndexes).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(prompt.messages[0]!.role).toBe("system");
  });

  it("truncates a long run to the budget: observations squeezed, far steps left out, candidates and the tail kept", () => {
    // 60 steps each returning 3,000 characters; the onset candidates sit near the start.
    const b = new RunBuilder();
    const a = b.agent("coder", { attrs: { "onset.run.outcome": "failed" } });
    sh(b, a, "pytest -q", "5 passed", 0);
    edit(b, a, "src/a.py", "x = 1", "x = 2");
    sh(b, a, "pytest -q", "FAILED tests/test_a.py::test_x\n1 failed", 1);
    for (let k = 0; k < 57; k++) sh(b, a, `cat docs/page${k}.md`, `line ${k} `.repeat(300), 0);
    const spans = b.build();
    const analysis = analyzeRun(spans);
    const transcript = buildJudgeTranscript(analysis, spans);
    const roomy = buildJudgePrompt(analysis, transcript, 6, 200_000);
    expect(roomy.shownIndexes).toHaveLength(60);
    const tight = buildJudgePrompt(analysis, transcript, 6, 1500);
    const chars = tight.messages.reduce((n, m) => n + m.content.length, 0);
    expect(chars).toBeLessThanOrEqual(1500 * 4);
    expect(tight.shownIndexes).toEqual(expect.arrayContaining([...tight.candidateIndexes, 57, 58, 59]));
    expect(tight.shownIndexes.length).toBeLessThan(60);
    expect(tight.messages[1]!.content).toMatch(/\.\.\. \d+ step\(s\) omitted \.\.\./);
  });

  it("rejects a pick the prompt never showed, and finds the first balanced JSON object", () => {
    expect(parseJudgeContent('{"onset_step": 99}', [1, 2])).toEqual({ error: "the judge picked step 99, which the prompt did not show" });
    expect(firstJsonObject('x {"a": "}"} y {"b": 1}')).toBe('{"a": "}"}');
  });
});
