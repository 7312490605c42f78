/**
 * The API's rule services and test fire against a real Postgres and a real receiver on
 * 127.0.0.1: secrets generated and shown once, edits merged and validated as a whole,
 * private targets refused when not allowed (at save time without DNS, at send time
 * after resolving), and a test notification signed and logged, naming no run, tried once.
 */
import { ensureProject, listAlertEvents, SpanIngest } from "@onset/db";
import { makeSpan } from "@onset/db/test-support";
import { beforeAll, describe, expect, it } from "vitest";
import type { AlertPayload } from "./alert-payload";
import { createRule, deleteRule, listRules, updateRule, AlertInputError } from "./rule-service";
import { RuleInputSchema } from "./rule-schema";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "./signature";
import { testFireRule } from "./test-fire";
import { useAlertsDatabase } from "./test-support/alerts-database";

describe("rule services and test fire", () => {
  const fx = useAlertsDatabase();
  let project: string;
  const allowed = { allowPrivateWebhooks: true };

  beforeAll(async () => {
    project = (await ensureProject(fx.prisma, "svc", "Service project")).project.id;
  });

  const input = (over: Record<string, unknown> = {}) =>
    RuleInputSchema.parse({ name: "cost", kind: "run_cost", threshold: 1, webhookUrl: fx.receiver.url, ...over });

  it("generates a secret on create, shows it once, and lists only a hint", async () => {
    const { rule, webhookSecret } = await createRule(fx.pool, project, input(), allowed);
    expect(webhookSecret).toMatch(/^whsec_/);
    expect(rule).toMatchObject({ hasSecret: true, secretHint: webhookSecret!.slice(-4), scope: "project", windowSec: null });
    expect(JSON.stringify(await listRules(fx.pool, project))).not.toContain(webhookSecret!);
  });

  it("refuses a private target at save time unless allowed", async () => {
    await expect(createRule(fx.pool, project, input({ webhookUrl: "http://127.0.0.1:9/x" }), { allowPrivateWebhooks: false })).rejects.toThrow(AlertInputError);
    await expect(createRule(fx.pool, project, input({ webhookUrl: "http://localhost/x" }), { allowPrivateWebhooks: false })).rejects.toThrow(/loopback/);
  });

  it("merges edits with the stored rule and validates the result as a whole", async () => {
    const { rule } = await createRule(fx.pool, project, input({ kind: "window_cost", threshold: 10, windowSec: 3600, scope: "user" }), allowed);
    const edited = await updateRule(fx.pool, project, rule.id, { threshold: 20, enabled: false, config: { dailyBudgetUsd: 100 } }, allowed);
    expect(edited?.rule).toMatchObject({ threshold: 20, enabled: false, windowSec: 3600, scope: "user", config: { dailyBudgetUsd: 100 } });
    expect(edited?.webhookSecret).toBeUndefined();
    // A run rule has no window: the merged rule is refused.
    const { rule: run } = await createRule(fx.pool, project, input(), allowed);
    await expect(updateRule(fx.pool, project, run.id, { windowSec: 600 }, allowed)).rejects.toThrow(/windowSec/);
    const rotated = await updateRule(fx.pool, project, run.id, { rotateSecret: true }, allowed);
    expect(rotated?.webhookSecret).toMatch(/^whsec_/);
    expect(rotated?.rule.secretHint).toBe(rotated!.webhookSecret!.slice(-4));
    expect(await updateRule(fx.pool, project, "nope", { threshold: 1 }, allowed)).toBeNull();
    expect(await deleteRule(fx.pool, project, run.id)).toBe(true);
  });

  it("test-fires a signed notification that names no run (not even the latest) and logs the delivery", async () => {
    //  root |==========|   (the project's latest run: a test must not point at it)
    const ingest = new SpanIngest(fx.pool);
    await ingest.start();
    const traceId = "5b8aa5a2d2c872e8321cf37308d69df2";
    await ingest.write(project, [makeSpan({ traceId, spanId: "051581bf3cb55c13", name: "invoke_workflow demo", startTimeMs: Date.now() - 5_000, endTimeMs: Date.now() })]);
    await ingest.close();
    const { rule, webhookSecret } = await createRule(fx.pool, project, input({ name: "test me" }), allowed);
    const before = fx.receiver.received.length;

    const event = await testFireRule(fx.pool, project, rule.id, { publicWebUrl: "http://onset.test:3000", allowPrivateWebhooks: true });

    expect(event).toMatchObject({ status: "resolved", traceId: null, spanId: null, ruleName: "test me", payload: { test: true } });
    expect(event!.deliveries.map((d) => [d.attempt, d.state, d.statusCode])).toEqual([[1, "delivered", 200]]);
    const [hook] = fx.receiver.received.slice(before);
    expect(verifySignature(webhookSecret!, hook!.raw, hook!.headers[SIGNATURE_HEADER.toLowerCase()] as string)).toBe(true);
    const sentAt = Number(hook!.headers[TIMESTAMP_HEADER.toLowerCase()]);
    expect(Math.abs(sentAt * 1000 - Date.now())).toBeLessThan(10_000);
    const body = hook!.json as unknown as AlertPayload & { sentAt: string };
    expect(body).toMatchObject({
      type: "test",
      rule: { id: rule.id, name: "test me", kind: "run_cost" },
      project: { id: project, slug: "svc", name: "Service project" },
      run: null,
      span: null,
      links: { alerts: "http://onset.test:3000/alerts?project=svc", run: null, span: null },
    });
    expect(Math.floor(Date.parse(body.sentAt) / 1000)).toBe(sentAt);
    expect((await listAlertEvents(fx.pool, project, { ruleId: rule.id })).events).toHaveLength(1);
  });

  it("refuses, logs and does not retry a send to a private address when not allowed", async () => {
    const { rule } = await createRule(fx.pool, project, input({ name: "private" }), allowed);
    const before = fx.receiver.received.length;
    const event = await testFireRule(fx.pool, project, rule.id, { publicWebUrl: "http://x", allowPrivateWebhooks: false });
    expect(event!.deliveries).toEqual([
      expect.objectContaining({ attempt: 1, state: "failed", statusCode: null, error: expect.stringMatching(/^refused: 127\.0\.0\.1, a loopback address/) }),
    ]);
    expect(fx.receiver.received.length).toBe(before);
  });

  it("tries a failing test once: a 500 is logged and no retry is queued", async () => {
    // A retryable answer for a real alert (5xx) is reported to whoever pressed Test instead.
    const { rule } = await createRule(fx.pool, project, input({ name: "down" }), allowed);
    const before = fx.receiver.received.length;
    fx.receiver.script.push(500);
    const event = await testFireRule(fx.pool, project, rule.id, { publicWebUrl: "http://x", allowPrivateWebhooks: true });
    expect(event!.deliveries).toEqual([expect.objectContaining({ attempt: 1, state: "failed", statusCode: 500 })]);
    expect(fx.receiver.received.length).toBe(before + 1);
    const pending = await fx.pool.query(`SELECT count(*)::int AS n FROM alert_deliveries WHERE event_id = $1 AND state = 'pending'`, [event!.id]);
    expect(pending.rows[0].n).toBe(0);
  });

  it("sends the Slack form when the rule asks for it", async () => {
    const { rule } = await createRule(fx.pool, project, input({ name: "slack", slackFormat: true }), allowed);
    const before = fx.receiver.received.length;
    await testFireRule(fx.pool, project, rule.id, { publicWebUrl: "http://x", allowPrivateWebhooks: true });
    const hook = fx.receiver.received[before]!;
    expect(Object.keys(hook.json).sort()).toEqual(["blocks", "text"]);
    expect(hook.json.text).toMatch(/^🧪 \[Service project\] slack — Test notification/);
  });
});
