/**
 * A user's verdict against a real Postgres: stored with who gave it and when, one per
 * run, scoped to the project; setting or taking it back drops the cached analysis, which
 * is then recomputed with the verdict winning over the run's own status, an importer's
 * attribute and inference, both on read and by the quiet-run timer; and the outcome's
 * source is named (user, instrumentation, importer, inferred).
 */
import {
  createApiKey,
  deleteRunVerdict,
  getRunVerdict,
  InvalidVerdictError,
  MAX_VERDICT_NOTE,
  setRunVerdict,
  type VerdictActor,
} from "@onset/db";
import { useIngestFixture } from "@onset/db/test-support";
import type { NormalizedSpan } from "@onset/otlp";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeQuietRuns, getRunAnalysis } from "./run-analysis";
import { failedRun, loopingRun } from "./test-support/run-fixtures";

const FAILED = "1".repeat(32); // root span status error: failed, from the instrumentation
const CLEAN = "2".repeat(32); // root span status ok, no error: succeeded, from the instrumentation
const INFERRED = "3".repeat(32); // the failed run with its root status unset: inferred from the failing test
const IMPORTED = "4".repeat(32); // root carries onset.run.outcome=failed set by an importer
const ATTRIBUTED = "5".repeat(32); // root carries onset.run.outcome=failed set by the agent's own tracing
const QUIET = "6".repeat(32); // for the quiet-run timer

/** The failed run with its root span rewritten: status unset, no error, extra attributes. */
function withRoot(spans: NormalizedSpan[], attributes: Record<string, string>): NormalizedSpan[] {
  return spans.map((s) => (s.parentSpanId === null ? { ...s, statusCode: "unset", error: null, attributes: { ...s.attributes, ...attributes } } : s));
}

const admin: VerdictActor = { kind: "user", userId: "u-1", email: "admin@onset.local" };

describe("run verdicts", () => {
  const f = useIngestFixture();

  const cacheRows = async (traceId: string) =>
    (await f.pool.query(`SELECT 1 FROM trace_analyses WHERE project_id = $1 AND trace_id = $2`, [f.projectA, traceId])).rowCount;
  const analyzedAt = async (traceId: string) =>
    (await f.pool.query<{ analyzed_at: Date | null }>(`SELECT analyzed_at FROM traces WHERE project_id = $1 AND trace_id = $2`, [f.projectA, traceId])).rows[0]!
      .analyzed_at;

  beforeAll(async () => {
    await f.ingest.write(f.projectA, failedRun(FAILED));
    await f.ingest.write(f.projectA, loopingRun(CLEAN));
    await f.ingest.write(f.projectA, withRoot(failedRun(INFERRED), {}));
    await f.ingest.write(f.projectA, withRoot(failedRun(IMPORTED), { "onset.run.outcome": "failed", "onset.run.outcome_source": "importer" }));
    await f.ingest.write(f.projectA, withRoot(failedRun(ATTRIBUTED), { "onset.run.outcome": "failed" }));
    await f.ingest.write(f.projectA, loopingRun(QUIET));
  });

  it("names the source of each run's own outcome when no one gave a verdict, fresh and from the cache", async () => {
    const cases: [string, string, string | null][] = [
      [FAILED, "failed", "instrumentation"], // root status error
      [CLEAN, "succeeded", "instrumentation"], // root status ok
      [INFERRED, "failed", "inferred"], // no status, a test still failing at the end
      [IMPORTED, "failed", "importer"],
      [ATTRIBUTED, "failed", "instrumentation"],
    ];
    for (const [traceId, status, source] of cases) {
      for (const cached of [false, true]) {
        const r = (await getRunAnalysis(f.pool, f.projectA, traceId))!;
        expect([traceId, r.cached, r.analysis.outcome.status, r.outcomeSource, r.verdict]).toEqual([traceId, cached, status, source, null]);
      }
    }
  });

  it("stores who gave a verdict and when, and answers null for a run the project does not have", async () => {
    expect(await getRunVerdict(f.pool, f.projectA, CLEAN)).toBeNull();
    const before = Date.now();
    const v = await setRunVerdict(f.pool, f.projectA, CLEAN, { outcome: "failed", note: "the answer was wrong" }, admin);
    expect(v).toMatchObject({ outcome: "failed", note: "the answer was wrong", givenBy: { kind: "user", id: "u-1", name: "admin@onset.local" } });
    expect(Date.parse(v!.givenAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(await getRunVerdict(f.pool, f.projectA, CLEAN)).toEqual(v);
    // Another project's run, or no run at all: nothing stored, nothing read.
    expect(await setRunVerdict(f.pool, f.projectB, CLEAN, { outcome: "failed" }, admin)).toBeNull();
    expect(await setRunVerdict(f.pool, f.projectA, "f".repeat(32), { outcome: "failed" }, admin)).toBeNull();
    expect(await getRunVerdict(f.pool, f.projectB, CLEAN)).toBeNull();
    expect(await deleteRunVerdict(f.pool, f.projectB, CLEAN)).toBeNull();
  });

  it("wins over the root's ok status: the cache is dropped and the run re-analyzed as failed with an onset", async () => {
    expect(await cacheRows(CLEAN)).toBe(0);
    expect(await analyzedAt(CLEAN)).toBeNull(); // so the quiet-run timer would pick it up too
    const r = (await getRunAnalysis(f.pool, f.projectA, CLEAN))!;
    expect(r.cached).toBe(false);
    expect(r.analysis.outcome).toMatchObject({ status: "failed", source: "option" });
    expect(r.outcomeSource).toBe("user");
    expect(r.verdict?.outcome).toBe("failed");
    // A failed run gets a localized onset; as a succeeded run it had none.
    expect(r.analysis.onset).not.toBeNull();
    const again = (await getRunAnalysis(f.pool, f.projectA, CLEAN))!;
    expect([again.cached, again.outcomeSource, again.analysis.onset?.spanId]).toEqual([true, "user", r.analysis.onset!.spanId]);
  });

  it("keeps one verdict per run: a new one replaces the old, with its own giver", async () => {
    const key = await createApiKey(f.prisma, f.projectA, { name: "ci-grader" });
    const v = await setRunVerdict(f.pool, f.projectA, CLEAN, { outcome: "succeeded" }, { kind: "api_key", keyId: key.id });
    expect(v).toMatchObject({ outcome: "succeeded", note: null, givenBy: { kind: "api_key", id: key.id, name: "ci-grader" } });
    const rows = await f.pool.query(`SELECT outcome FROM run_verdicts WHERE project_id = $1 AND trace_id = $2`, [f.projectA, CLEAN]);
    expect(rows.rows).toEqual([{ outcome: "succeeded" }]);
    const r = (await getRunAnalysis(f.pool, f.projectA, CLEAN))!;
    expect([r.cached, r.analysis.outcome.status, r.outcomeSource, r.analysis.onset]).toEqual([false, "succeeded", "user", null]);
  });

  it("wins over an error status, an importer's verdict and inference alike", async () => {
    for (const traceId of [FAILED, IMPORTED, INFERRED]) {
      await setRunVerdict(f.pool, f.projectA, traceId, { outcome: "succeeded" }, admin);
      const r = (await getRunAnalysis(f.pool, f.projectA, traceId))!;
      expect([traceId, r.analysis.outcome.status, r.outcomeSource]).toEqual([traceId, "succeeded", "user"]);
    }
  });

  it("is taken back by delete: the run's own outcome and its source return", async () => {
    expect(await deleteRunVerdict(f.pool, f.projectA, IMPORTED)).toBe(true);
    expect(await cacheRows(IMPORTED)).toBe(0);
    expect(await getRunVerdict(f.pool, f.projectA, IMPORTED)).toBeNull();
    const r = (await getRunAnalysis(f.pool, f.projectA, IMPORTED))!;
    expect([r.cached, r.analysis.outcome.status, r.outcomeSource, r.verdict]).toEqual([false, "failed", "importer", null]);
    expect(r.analysis.onset).not.toBeNull();
    // Nothing left to take back; the cache stays.
    expect(await deleteRunVerdict(f.pool, f.projectA, IMPORTED)).toBe(false);
    expect(await cacheRows(IMPORTED)).toBe(1);
  });

  it("treats a cached result that disagrees with the verdict as stale (an analysis that finished after the verdict changed)", async () => {
    await getRunAnalysis(f.pool, f.projectA, ATTRIBUTED); // cached without a verdict
    // A verdict row written behind the cache's back, as a racing analysis would leave it.
    await f.pool.query(
      `INSERT INTO run_verdicts (project_id, trace_id, outcome, actor_kind, actor_id, actor_name) VALUES ($1, $2, 'succeeded', 'user', 'u-1', 'admin@onset.local')`,
      [f.projectA, ATTRIBUTED],
    );
    const r = (await getRunAnalysis(f.pool, f.projectA, ATTRIBUTED))!;
    expect([r.cached, r.analysis.outcome.status, r.outcomeSource]).toEqual([false, "succeeded", "user"]);
  });

  it("is what the quiet-run timer analyzes with", async () => {
    await f.pool.query(`UPDATE traces SET updated_at = now() - interval '1 hour'`);
    await analyzeQuietRuns(f.pool, 60_000, { limit: 100 });
    await setRunVerdict(f.pool, f.projectA, QUIET, { outcome: "failed" }, admin);
    expect(await analyzeQuietRuns(f.pool, 60_000, { limit: 100 })).toBe(1);
    const stored = await f.pool.query<{ status: string; source: string }>(
      `SELECT result->'outcome'->>'status' AS status, result->'outcome'->>'source' AS source FROM trace_analyses WHERE project_id = $1 AND trace_id = $2`,
      [f.projectA, QUIET],
    );
    expect(stored.rows).toEqual([{ status: "failed", source: "option" }]);
    const r = (await getRunAnalysis(f.pool, f.projectA, QUIET))!;
    expect([r.cached, r.outcomeSource]).toEqual([true, "user"]);
  });

  it("refuses an unknown outcome, an overlong note, and a key of another project", async () => {
    await expect(setRunVerdict(f.pool, f.projectA, QUIET, { outcome: "maybe" as "failed" }, admin)).rejects.toThrow(InvalidVerdictError);
    await expect(setRunVerdict(f.pool, f.projectA, QUIET, { outcome: "failed", note: "x".repeat(MAX_VERDICT_NOTE + 1) }, admin)).rejects.toThrow(/2000/);
    const foreign = await createApiKey(f.prisma, f.projectB, { name: "elsewhere" });
    await expect(setRunVerdict(f.pool, f.projectA, QUIET, { outcome: "succeeded" }, { kind: "api_key", keyId: foreign.id })).rejects.toThrow(/not a key of this project/);
    expect((await getRunVerdict(f.pool, f.projectA, QUIET))?.outcome).toBe("failed"); // untouched
  });

  it("goes with its run's project", async () => {
    await setRunVerdict(f.pool, f.projectB, "f".repeat(32), { outcome: "failed" }, admin); // no run there: nothing stored
    await f.prisma.project.delete({ where: { id: f.projectA } });
    expect((await f.pool.query(`SELECT count(*)::int AS n FROM run_verdicts`)).rows[0].n).toBe(0);
  });
});
