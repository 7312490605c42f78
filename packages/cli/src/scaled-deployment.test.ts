/**
 * Onset as a scaled deployment, for real: one PostgreSQL server (the test's embedded
 * one), two collectors, two workers and one web process, each `onset start --role ...`
 * as its own OS process on loopback ports. Runs are exported with every run's spans
 * alternating between the two collectors; halfway through, one collector and one
 * worker are SIGKILLed (exports then fail over to the other collector, as behind a load
 * balancer). Then:
 *
 *   - every acknowledged span is stored, once; each run's summary counts all its spans;
 *   - every run, once quiet, is analyzed exactly once (no two jobs analyze the same spans);
 *   - the per-run cost rule fired once for each expensive run and never for the others,
 *     the loop rule once for each looping run (its repeats split across collectors, so
 *     neither collector alone saw enough of them), the project window rule once;
 *   - each of those alerts reached the local webhook receiver;
 *   - the web process serves the runs (with their analysis badges) and the alerts.
 *
 *   run r, spans in send order:  chat  tool  chat  tool  chat  tool  chat  tool  root
 *   collector:                   r%2  1-r%2  ...  (alternating)                  ...
 */
import { createRule, RuleInputSchema } from "@onset/alerts";
import { startWebhookReceiver, type WebhookReceiver } from "@onset/alerts/test-support";
import { createPool, type Pool } from "@onset/db";
import { createTestDatabase, type TestDatabase } from "@onset/db/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportSpans, freePort, killAllRoles, startRole, type RoleProcess, type TestSpan } from "../test-support/scaled-deployment-harness";

const API_KEY = "onset_sk_scaledtest_0123456789abcdefghijklmnop";
const RUNS = 24;
const CHILDREN = 8;
/** Runs whose chats cost enough to cross the run cost rule (only with both collectors' spans). */
const expensive = (r: number) => r % 3 === 0;
/** Runs that call the same search four times (two repeats on each collector). */
const looping = (r: number) => r % 4 === 1;
const traceIdOf = (r: number) => `5ca1ed${r.toString(16).padStart(26, "0")}`;
const spanIdOf = (r: number, i: number) => `${(r + 1).toString(16).padStart(8, "0")}${(i + 1).toString(16).padStart(8, "0")}`;

/** The spans of run `r`, children first and the root last (it ends the run). */
function runSpans(r: number, t0: number): TestSpan[] {
  const traceId = traceIdOf(r);
  const root = spanIdOf(r, 0xff);
  const spans: TestSpan[] = [];
  for (let i = 0; i < CHILDREN; i++) {
    const start = t0 + i * 100;
    const base = { traceId, spanId: spanIdOf(r, i), parentSpanId: root, startMs: start, endMs: start + 80 };
    if (i % 2 === 0) {
      spans.push({
        ...base,
        name: "chat gpt-4o",
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.usage.input_tokens": 1000,
          "gen_ai.usage.output_tokens": 100,
          "gen_ai.usage.cost": expensive(r) ? 0.02 : 0.005,
        },
      });
    } else {
      const query = looping(r) ? "parse_config" : `query ${i}`;
      spans.push({
        ...base,
        name: "execute_tool search",
        attributes: {
          "gen_ai.operation.name": "execute_tool",
          "gen_ai.tool.name": "search",
          "gen_ai.tool.call.arguments": JSON.stringify({ query }),
          "gen_ai.tool.call.result": looping(r) ? "No matches found." : `result ${i}`,
        },
      });
    }
  }
  spans.push({ traceId, spanId: root, name: `invoke_agent run ${r}`, startMs: t0 - 10, endMs: t0 + CHILDREN * 100, attributes: { "gen_ai.operation.name": "invoke_agent" } });
  return spans;
}

async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("a scaled deployment: two collectors, two workers, one web, one PostgreSQL", () => {
  let db: TestDatabase;
  let pool: Pool;
  let receiver: WebhookReceiver;
  let webPort: number;
  let collectorPorts: number[];
  let collectors: RoleProcess[];
  let workers: RoleProcess[];
  let projectId: string;
  const acked = new Set<string>();

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true }); // the processes migrate it themselves
    pool = createPool(db.url, 3);
    receiver = await startWebhookReceiver();
    webPort = await freePort();
    collectorPorts = [await freePort(), await freePort()];
    const common = {
      DATABASE_URL: db.url,
      ONSET_HOST: "127.0.0.1",
      ONSET_LOG_LEVEL: "warn",
      ONSET_PUBLIC_URL: `http://127.0.0.1:${webPort}`,
      ONSET_ANALYSIS_QUIET_MS: "1500",
      ONSET_ALERTS_WINDOW_EVAL_MS: "1000",
      ONSET_ALERTS_ALLOW_PRIVATE_WEBHOOKS: "1",
      ONSET_JOB_EXPIRE_SECONDS: "10",
      ONSET_JOB_MAINTENANCE_SECONDS: "1",
    };
    // All five start at once: they migrate the empty database under one advisory lock.
    const procs = await Promise.all([
      startRole("web", { ...common, ONSET_WEB_PORT: String(webPort), ONSET_INIT_API_KEY: API_KEY, ONSET_DEMO: "off" }),
      ...collectorPorts.map(async (port) => startRole("collector", { ...common, ONSET_OTLP_HTTP_PORT: String(port), ONSET_OTLP_GRPC_PORT: String(await freePort()) })),
      startRole("worker", common),
      startRole("worker", common),
    ]);
    collectors = procs.slice(1, 3);
    workers = procs.slice(3);
    projectId = (await pool.query<{ id: string }>(`SELECT id FROM projects WHERE slug = 'default'`)).rows[0]!.id;
    const rule = (input: Record<string, unknown>) =>
      createRule(pool, projectId, RuleInputSchema.parse({ webhookUrl: receiver.url, ...input }), { allowPrivateWebhooks: true });
    await rule({ name: "run cost", kind: "run_cost", threshold: 0.05 });
    await rule({ name: "loops", kind: "loop", threshold: 3 });
    await rule({ name: "project spend", kind: "window_cost", scope: "project", windowSec: 3600, threshold: 0.5 });
  }, 150_000);

  afterAll(async () => {
    await killAllRoles();
    await receiver?.close();
    await pool?.end();
    await db?.drop();
  });

  it("stores, analyzes and alerts on everything exactly once through kills of a collector and a worker", async () => {
    const t0 = Date.now();
    const send = async (r: number) => {
      for (const [i, span] of runSpans(r, t0 + r * 1000).entries()) {
        await exportSpans(collectorPorts, (r + i) % 2, API_KEY, [span]);
        acked.add(`${span.traceId}/${span.spanId}`);
      }
    };
    // Four runs in flight at a time; after half of them, SIGKILL collector 2 and worker 1.
    for (let r = 0; r < RUNS; r += 4) {
      if (r === RUNS / 2) await Promise.all([collectors[1]!.kill(), workers[0]!.kill()]);
      await Promise.all([0, 1, 2, 3].map((k) => send(r + k)));
    }
    expect(acked.size).toBe(RUNS * (CHILDREN + 1));

    // Every acknowledged span stored once; each run's summary counts all of them.
    const stored = await pool.query<{ trace_id: string; span_id: string }>(`SELECT trace_id, span_id FROM spans WHERE project_id = $1`, [projectId]);
    expect(stored.rows.length).toBe(acked.size);
    expect(new Set(stored.rows.map((s) => `${s.trace_id}/${s.span_id}`))).toEqual(acked);
    const traces = await pool.query<{ trace_id: string; span_count: number; cost_usd: number }>(
      `SELECT trace_id, span_count, cost_usd::float8 AS cost_usd FROM traces WHERE project_id = $1 ORDER BY trace_id`,
      [projectId],
    );
    expect(traces.rows.map((t) => t.span_count)).toEqual(Array(RUNS).fill(CHILDREN + 1));

    // Every run, once quiet, analyzed exactly once by the surviving and the killed worker together.
    await until("every run analyzed", async () => {
      const r = await pool.query(`SELECT count(*)::int AS n FROM traces WHERE project_id = $1 AND analyzed_at = updated_at`, [projectId]);
      return r.rows[0].n === RUNS;
    });
    const jobs = await pool.query<{ key: string; outcome: string; spans: number | null; retries: number }>(
      `SELECT singleton_key AS key, output->>'outcome' AS outcome, (output->>'spanCount')::int AS spans, retry_count AS retries
         FROM (SELECT name, state, singleton_key, output, retry_count FROM pgboss.job
               UNION ALL SELECT name, state, singleton_key, output, retry_count FROM pgboss.archive) j
        WHERE name = 'analyze-run' AND state = 'completed'`,
    );
    for (let r = 0; r < RUNS; r++) {
      const mine = jobs.rows.filter((j) => j.key === `${projectId}/${traceIdOf(r)}`);
      // A run that paused longer than the quiet period mid-run (a loaded machine) is analyzed
      // again once it has new spans, as it should be; the same spans are never analyzed twice.
      const analyzed = mine.filter((j) => j.outcome === "analyzed").map((j) => j.spans);
      expect(new Set(analyzed).size, `run ${r}: ${JSON.stringify(mine)}`).toBe(analyzed.length);
      // The whole run analyzed once; or the killed worker stored it and died before finishing
      // the job, and its retry found the analysis current.
      const whole = analyzed.filter((n) => n === CHILDREN + 1).length + mine.filter((j) => j.outcome === "current" && j.retries > 0).length;
      expect(whole, `run ${r}: ${JSON.stringify(mine)}`).toBe(1);
    }
    const loopCounts = await pool.query<{ trace_id: string; loop_count: number }>(`SELECT trace_id, loop_count FROM traces WHERE project_id = $1`, [projectId]);
    for (const row of loopCounts.rows) {
      const r = parseInt(row.trace_id.slice(6), 16);
      expect(row.loop_count > 0, `run ${r} loop badge`).toBe(looping(r));
    }

    // Alerts: each fired once, for the right runs, and delivered.
    const expectedRunCost = [...Array(RUNS).keys()].filter(expensive).map(traceIdOf).sort();
    const expectedLoops = [...Array(RUNS).keys()].filter(looping).map(traceIdOf).sort();
    const events = async () =>
      (
        await pool.query<{ id: string; kind: string; trace_id: string | null; dedupe_key: string }>(
          `SELECT e.id, r.kind, e.trace_id, e.dedupe_key FROM alert_events e JOIN alert_rules r ON r.id = e.rule_id WHERE e.project_id = $1`,
          [projectId],
        )
      ).rows;
    await until("every alert fired and delivered", async () => {
      const ev = await events();
      const undelivered = await pool.query(`SELECT count(*)::int AS n FROM alert_deliveries WHERE state <> 'delivered'`);
      return ev.length === expectedRunCost.length + expectedLoops.length + 1 && undelivered.rows[0].n === 0;
    });
    const ev = await events();
    expect(ev.filter((e) => e.kind === "run_cost").map((e) => e.trace_id).sort()).toEqual(expectedRunCost);
    expect(ev.filter((e) => e.kind === "loop").map((e) => e.trace_id).sort()).toEqual(expectedLoops);
    expect(ev.filter((e) => e.kind === "window_cost").map((e) => e.dedupe_key)).toEqual(["project"]);
    const hooked = new Set(receiver.received.map((h) => String(h.headers["x-onset-event"])));
    for (const e of ev) expect(hooked.has(e.id), `event ${e.kind} ${e.trace_id ?? e.dedupe_key} delivered`).toBe(true);

    // The web process serves all of it.
    const get = async (p: string) => {
      const res = await fetch(`http://127.0.0.1:${webPort}${p}`, { headers: { authorization: `Bearer ${API_KEY}` } });
      expect(res.status, p).toBe(200);
      return res.json();
    };
    const runs = (await get(`/api/v1/runs?limit=100`)) as { runs: { traceId: string; spanCount: number; loopCount: number }[] };
    expect(runs.runs).toHaveLength(RUNS);
    expect(runs.runs.filter((r) => r.loopCount > 0).map((r) => r.traceId).sort()).toEqual(expectedLoops);
    const listed = (await get(`/api/v1/alerts/events?limit=200`)) as { events: { id: string }[] };
    expect(listed.events.map((e) => e.id).sort()).toEqual(ev.map((e) => e.id).sort());
  }, 150_000);
});
