/**
 * The run page's diagnosis on a cache miss, against a real Postgres: analyzed and stored
 * in the store thread (its own pool), then read back from the cache; a thread that
 * cannot reach the database leaves the work to the calling process.
 */
import { makeSpan, useIngestFixture } from "@onset/db/test-support";
import { describe, expect, it } from "vitest";
import { getRunDiagnosis } from "./run-analysis";
import { warmStoreThread } from "./store-thread";
import { failedRun } from "./test-support/run-fixtures";

describe("getRunDiagnosis with the store thread", () => {
  const f = useIngestFixture();
  const url = () => (f.pool as unknown as { options: { connectionString: string } }).options.connectionString;
  /** Runs getRunDiagnosis and returns what it gave and which phases it went through. */
  const diagnose = async (traceId: string, databaseUrl: string) => {
    const phases: string[] = [];
    const d = await getRunDiagnosis(f.pool, f.projectA, traceId, {
      databaseUrl,
      time: async (name, fn) => {
        phases.push(name);
        return fn();
      },
    });
    return { d, phases };
  };

  // The web process's start-up hook warms the thread: it must come up with its pool open, and say so when it cannot.
  it("warms up with its pool open, and rejects when the database cannot be reached", async () => {
    await expect(warmStoreThread(url())).resolves.toBeUndefined();
    await expect(warmStoreThread("postgres://nobody:wrong@127.0.0.1:1/none")).rejects.toThrow();
  });

  it("analyzes a run in the thread and answers from the cache it stored", async () => {
    const traceId = "5".repeat(32);
    await f.ingest.write(f.projectA, failedRun(traceId));
    const { d, phases } = await diagnose(traceId, url());
    expect(phases).toContain("in-thread");
    expect(phases).not.toContain("load-spans");
    expect(d && "json" in d).toBe(true);
    if (!d || !("json" in d)) return;
    expect(d.run.traceId).toBe(traceId);
    expect(d.cached).toBe(false);
    expect(JSON.parse(d.json).onset).not.toBeNull();
    const stored = await f.pool.query(`SELECT span_count FROM trace_analyses WHERE project_id = $1 AND trace_id = $2`, [f.projectA, traceId]);
    expect(stored.rows[0]?.span_count).toBe(6);
  });

  it("computes here when the thread cannot store (an unreachable database)", async () => {
    const traceId = "6".repeat(32);
    await f.ingest.write(f.projectA, [makeSpan({ traceId, spanId: "a".repeat(16), name: "root" })]);
    const { d, phases } = await diagnose(traceId, "postgres://nobody:wrong@127.0.0.1:1/none");
    expect(phases).toEqual(expect.arrayContaining(["in-thread", "load-spans", "analyze", "store"]));
    expect(d && "view" in d && d.view.run.traceId).toBe(traceId);
  });

  it("returns null for a run the project does not have, without starting work", async () => {
    const { d, phases } = await diagnose("7".repeat(32), url());
    expect(d).toBeNull();
    expect(phases).not.toContain("in-thread");
  });
});
