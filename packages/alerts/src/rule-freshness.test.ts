/**
 * A rule created, edited or deleted through another process (the web app) reaches the
 * ingest path's rule cache at the next commit, whatever the cache's TTL: a project
 * whose runs were checked before the rule existed must not keep its old, empty rule
 * list (the e2e alerts spec lost its costly run to exactly that when it ran within
 * seconds of an earlier run of the same project). The engine here keeps its default
 * 5 s TTL; the rules change through a second pool, as the web process would.
 */
import { createPool, ensureProject, listAlertEvents, SpanIngest, type Pool } from "@onset/db";
import { makeSpan, useDatabaseFixture } from "@onset/db/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAlertEngine } from "./alert-engine";
import { createRule, deleteRule, updateRule } from "./rule-service";
import { RuleInputSchema } from "./rule-schema";
import { memoryLog } from "./test-support/silent-log";

describe("rules changed by another process reach the ingest path at once", () => {
  const db = useDatabaseFixture(4);
  let web: Pool;

  beforeAll(async () => {
    web = createPool(db.url, 2);
  });
  afterAll(async () => {
    await web?.end();
  });

  const costly = (traceId: string, costUsd: number) =>
    makeSpan({ traceId, spanId: traceId.slice(0, 16), type: "llm", costUsd, costSource: "reported", startTimeMs: Date.now() - 1000, endTimeMs: Date.now() });

  it("a rule created after the project's runs were checked fires on the next costly run; edits and deletes apply at once too", async () => {
    const project = (await ensureProject(db.prisma, "fresh", "fresh")).project.id;
    const engine = createAlertEngine({ pool: db.pool, log: memoryLog(), publicWebUrl: "http://onset.test", allowPrivateWebhooks: true });
    const ingest = new SpanIngest(db.pool, { onCommitted: engine.onCommitted });
    await ingest.start();
    try {
      // A run of the project is checked while it has no rule.
      await ingest.write(project, [costly("1".repeat(32), 0.01)]);
      await engine.idle();

      const input = RuleInputSchema.parse({ name: "cost", kind: "run_cost", threshold: 0.5, webhookUrl: "http://127.0.0.1:9/hook" });
      const { rule } = await createRule(web, project, input, { allowPrivateWebhooks: true });
      await ingest.write(project, [costly("2".repeat(32), 0.9)]);
      await engine.idle();
      expect((await listAlertEvents(db.pool, project, { ruleId: rule.id })).events.map((e) => e.traceId)).toEqual(["2".repeat(32)]);

      // Raised above the next run's cost: no alert.
      await updateRule(web, project, rule.id, { threshold: 5 }, { allowPrivateWebhooks: true });
      await ingest.write(project, [costly("3".repeat(32), 0.9)]);
      await engine.idle();
      expect((await listAlertEvents(db.pool, project, { ruleId: rule.id })).events).toHaveLength(1);

      // Deleted: a second rule, deleted, never fires.
      const other = await createRule(web, project, { ...input, name: "other" }, { allowPrivateWebhooks: true });
      await ingest.write(project, [costly("4".repeat(32), 0.01)]);
      await engine.idle();
      await deleteRule(web, project, other.rule.id);
      await ingest.write(project, [costly("5".repeat(32), 0.9)]);
      await engine.idle();
      expect((await listAlertEvents(db.pool, project, { ruleId: other.rule.id })).events).toHaveLength(0);
    } finally {
      await ingest.close();
      await engine.stop();
    }
  });

  it("a project with rules can still be deleted (its version row goes with it)", async () => {
    const project = (await ensureProject(db.prisma, "doomed", "doomed")).project.id;
    await createRule(web, project, RuleInputSchema.parse({ name: "cost", kind: "run_cost", threshold: 1, webhookUrl: "http://127.0.0.1:9/hook" }), { allowPrivateWebhooks: true });
    expect((await db.pool.query(`SELECT version FROM alert_rule_versions WHERE project_id = $1`, [project])).rows).toEqual([{ version: 1 }]);
    await db.prisma.project.delete({ where: { id: project } });
    expect((await db.pool.query(`SELECT 1 FROM alert_rule_versions WHERE project_id = $1`, [project])).rowCount).toBe(0);
  });
});
