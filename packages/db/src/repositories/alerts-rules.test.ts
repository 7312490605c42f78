/**
 * Alert rules against a real Postgres: stored field by field, partial updates, deletes
 * that take events along, the engine's enabled-rule reads, and project isolation.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { fireAlertEvent } from "./alerts-events";
import {
  deleteAlertRule,
  getAlertRule,
  insertAlertRule,
  listAlertRules,
  listEnabledAlertRules,
  updateAlertRule,
  type AlertRuleFields,
} from "./alerts-rules";
import { ensureProject } from "./projects";
import { useDatabaseFixture } from "../test-support/use-fixture";

const base: AlertRuleFields = {
  name: "run over $1",
  kind: "run_cost",
  threshold: 1,
  windowSec: null,
  scope: "project",
  config: {},
  webhookUrl: "https://hooks.example.com/a",
  webhookSecret: "whsec_1234567890",
  slackFormat: false,
  enabled: true,
  renotifySec: null,
};

describe("alert rules repository", () => {
  const db = useDatabaseFixture();
  let a: string;
  let b: string;

  beforeAll(async () => {
    a = (await ensureProject(db.prisma, "a", "A")).project.id;
    b = (await ensureProject(db.prisma, "b", "B")).project.id;
  });

  it("stores every field and reads it back", async () => {
    const rule = await insertAlertRule(db.pool, a, {
      ...base,
      kind: "window_cost",
      windowSec: 3600,
      scope: "user",
      config: { dailyBudgetUsd: 50 },
      slackFormat: true,
      renotifySec: 600,
    });
    expect(rule).toMatchObject({
      projectId: a,
      kind: "window_cost",
      threshold: 1,
      windowSec: 3600,
      scope: "user",
      config: { dailyBudgetUsd: 50 },
      webhookSecret: "whsec_1234567890",
      slackFormat: true,
      enabled: true,
      renotifySec: 600,
    });
    expect(rule.createdAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(await getAlertRule(db.pool, a, rule.id)).toEqual(rule);
    // Another project cannot see it.
    expect(await getAlertRule(db.pool, b, rule.id)).toBeNull();
  });

  it("updates only the fields given", async () => {
    const rule = await insertAlertRule(db.pool, a, base);
    const updated = await updateAlertRule(db.pool, a, rule.id, { enabled: false, threshold: 2.5, config: { x: 1 } });
    expect(updated).toMatchObject({ enabled: false, threshold: 2.5, config: { x: 1 }, name: base.name, webhookUrl: base.webhookUrl });
    expect(await updateAlertRule(db.pool, b, rule.id, { enabled: true })).toBeNull();
  });

  it("lists enabled rules by project and kind", async () => {
    const fresh = (await ensureProject(db.prisma, "c", "C")).project.id;
    const cost = await insertAlertRule(db.pool, fresh, base);
    const loop = await insertAlertRule(db.pool, fresh, { ...base, kind: "loop", threshold: 3 });
    await insertAlertRule(db.pool, fresh, { ...base, kind: "loop", enabled: false });
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
    expect(ids(await listEnabledAlertRules(db.pool, { projectIds: [fresh] }))).toEqual([cost.id, loop.id].sort());
    expect(ids(await listEnabledAlertRules(db.pool, { projectIds: [fresh], kinds: ["loop"] }))).toEqual([loop.id]);
    expect((await listAlertRules(db.pool, fresh)).length).toBe(3);
  });

  it("deletes a rule with its events, and only in its own project", async () => {
    const rule = await insertAlertRule(db.pool, a, base);
    const now = new Date();
    await fireAlertEvent(
      db.pool,
      { id: "ev-del", projectId: a, ruleId: rule.id, dedupeKey: "t1", traceId: "t1", spanId: null, value: 2, threshold: 1, message: "m", payload: {}, firedAt: now },
      { id: "d-del", body: { id: "n" }, nextAttemptAt: now },
    );
    expect(await deleteAlertRule(db.pool, b, rule.id)).toBe(false);
    expect(await deleteAlertRule(db.pool, a, rule.id)).toBe(true);
    const left = await db.pool.query(`SELECT count(*)::int AS n FROM alert_events WHERE id = 'ev-del'`);
    expect(left.rows[0].n).toBe(0);
  });
});
