/**
 * The LLM judge on stored runs, against a real Postgres and a local fake
 * OpenAI-compatible endpoint: off by default (409), on demand it sends the stored key
 * (sealed at rest, opened with ONSET_SECRET_KEY) and stores the pick, category, tokens
 * and cost (configured prices when the endpoint reports none) beside the deterministic
 * analysis, which it leaves alone; a timeout, a malformed reply or a key that cannot be
 * opened is a "failed" report saying why; mode "failed_runs" judges failed runs from the
 * quiet-run timer, once per span count, and never successful ones.
 */
import { randomBytes } from "node:crypto";
import { startFakeChatEndpoint, type FakeChatEndpoint } from "@onset/examples";
import { updateJudgeSettings } from "@onset/db";
import { useIngestFixture } from "@onset/db/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { judgeRun } from "./judge-on-demand";
import { readJudgement } from "./judge-run";
import { analyzeQuietRuns, getRunAnalysis } from "./run-analysis";
import { failedRun, loopingRun } from "./test-support/run-fixtures";

const FAILED = "3".repeat(32);
const OK = "4".repeat(32);
const BACKGROUND = "5".repeat(32);
const env = { ONSET_SECRET_KEY: randomBytes(32).toString("hex") };
const PICK = JSON.stringify({ onset_step: 0, ranking: [0, 1], category: "wrong-edit", explanation: "The edit turned a+b into a-b." });

describe("the judge on stored runs", () => {
  const f = useIngestFixture();
  let endpoint: FakeChatEndpoint;

  beforeAll(async () => {
    await f.ingest.write(f.projectA, [...failedRun(FAILED), ...loopingRun(OK)]);
    endpoint = await startFakeChatEndpoint({ content: PICK, usage: { prompt_tokens: 1500, completion_tokens: 60 } });
  });
  afterAll(async () => {
    await endpoint?.close();
  });

  it("is off by default: 409, and no call", async () => {
    await expect(judgeRun(f.pool, f.projectA, FAILED, { env })).rejects.toMatchObject({ status: 409, code: "judge_off" });
    expect(endpoint.requests).toHaveLength(0);
  });

  it("on demand: sends the stored key, stores its pick (the edit, not the deterministic final answer), category, tokens and priced cost, and leaves the analysis alone", async () => {
    await updateJudgeSettings(f.pool, f.projectA, { mode: "on_demand", baseUrl: endpoint.baseUrl, model: "judge-1", apiKey: "sk-judge-secret", inputUsdPerMTok: 2, outputUsdPerMTok: 10 }, env);
    const sealed = (await f.pool.query<{ k: string }>(`SELECT judge_api_key_sealed AS k FROM project_analysis_settings WHERE project_id = $1`, [f.projectA])).rows[0]!.k;
    expect(sealed).not.toContain("sk-judge-secret");
    const before = (await getRunAnalysis(f.pool, f.projectA, FAILED))!.analysis;

    const judged = await judgeRun(f.pool, f.projectA, FAILED, { env });
    expect(endpoint.requests.at(-1)).toMatchObject({ authorization: "Bearer sk-judge-secret", body: { model: "judge-1" } });
    expect(endpoint.requests.at(-1)!.body.messages![1]!.content).toContain("observation: FAILED tests/test_calc.py::test_add");
    // The deterministic onset is the final answer despite the failing test (step 2); the judge blames the edit.
    expect(before.onset!.stepIndex).toBe(2);
    expect(judged!.report).toMatchObject({
      status: "applied",
      category: "wrong-edit",
      explanation: "The edit turned a+b into a-b.",
      pick: { stepId: before.steps[0]!.id, stepIndex: 0 },
      deterministicStepId: before.onset!.stepId,
      promptTokens: 1500,
      completionTokens: 60,
    });
    expect(judged!.report.costUsd).toBeCloseTo((1500 * 2 + 60 * 10) / 1e6, 12);
    expect(await readJudgement(f.pool, f.projectA, FAILED)).toEqual(judged);
    const after = await getRunAnalysis(f.pool, f.projectA, FAILED);
    expect(after).toMatchObject({ cached: true });
    expect(after!.analysis).toEqual(before);
  });

  // Each row: what the endpoint does, what the stored report's note must say.
  const FAILURES: [string, () => void, RegExp][] = [
    ["a timeout", () => endpoint.respond({ hang: true }), /timed out after 1000 ms; deterministic onset kept/],
    ["a reply that is not the schema", () => endpoint.respond({ content: '{"onset_step": "the edit"}' }), /lacks a valid onset_step.*; deterministic onset kept/],
    ["a body that is not JSON", () => endpoint.respond({ status: 200, body: "<html>" }), /not JSON/],
  ];
  it.each(FAILURES)("stores a failed report on %s, deterministic onset standing", async (_what, arrange, note) => {
    await updateJudgeSettings(f.pool, f.projectA, { timeoutMs: 1000 }, env);
    arrange();
    const judged = await judgeRun(f.pool, f.projectA, FAILED, { env });
    expect(judged!.report).toMatchObject({ status: "failed", pick: null, category: null });
    expect(judged!.report.note).toMatch(note);
    endpoint.respond({ content: PICK });
  });

  it("does not call the endpoint with a key it cannot open (no ONSET_SECRET_KEY), and says so", async () => {
    const calls = endpoint.requests.length;
    const judged = await judgeRun(f.pool, f.projectA, FAILED, { env: {} });
    expect(endpoint.requests).toHaveLength(calls);
    expect(judged!.report).toMatchObject({ status: "failed" });
    expect(judged!.report.note).toMatch(/stored judge key cannot be used: ONSET_SECRET_KEY is not set/);
  });

  it("refuses to store a key without ONSET_SECRET_KEY, keeping the old one", async () => {
    await expect(updateJudgeSettings(f.pool, f.projectA, { apiKey: "sk-other" }, {})).rejects.toThrow(/ONSET_SECRET_KEY is not set/);
    const judged = await judgeRun(f.pool, f.projectA, FAILED, { env });
    expect(endpoint.requests.at(-1)!.authorization).toBe("Bearer sk-judge-secret");
    expect(judged!.report.status).toBe("applied");
  });

  it("mode failed_runs: the quiet-run timer judges a failed run once, and never a successful one", async () => {
    await updateJudgeSettings(f.pool, f.projectA, { mode: "failed_runs" }, env);
    await f.ingest.write(f.projectA, failedRun(BACKGROUND));
    await f.pool.query(`UPDATE traces SET updated_at = now() - interval '1 hour' WHERE project_id = $1`, [f.projectA]);
    await f.pool.query(`DELETE FROM run_judgements WHERE project_id = $1`, [f.projectA]);
    const calls = endpoint.requests.length;
    // Only BACKGROUND is due (the others were analyzed since their last span).
    await analyzeQuietRuns(f.pool, 1000, { judge: { env } });
    expect(endpoint.requests.length - calls).toBe(1);
    expect((await readJudgement(f.pool, f.projectA, BACKGROUND))!.report).toMatchObject({ status: "applied", category: "wrong-edit" });
    // Every run due again: FAILED (never judged in this mode) is judged; BACKGROUND (same span count) and the run that ended ok are not.
    await f.pool.query(`UPDATE traces SET analyzed_at = NULL WHERE project_id = $1`, [f.projectA]);
    await analyzeQuietRuns(f.pool, 1000, { judge: { env } });
    expect(endpoint.requests.length - calls).toBe(2);
    expect(await readJudgement(f.pool, f.projectA, FAILED)).not.toBeNull();
    expect(await readJudgement(f.pool, f.projectA, OK)).toBeNull();
  });
});
