/**
 * Alert events and the delivery queue against a real Postgres: firing is deduped by the
 * unique key, resolving frees the key and keeps the history, re-notification only when
 * due, the history page with deliveries and a cursor, and the queue's claim / lease /
 * retry chain (one row per attempt: the delivery log).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { claimDueAlertDeliveries, listAlertDeliveries, recordAlertDeliveryAttempt } from "./alerts-deliveries";
import {
  fireAlertEvent,
  getAlertEvent,
  listAlertEvents,
  listFiringAlertEvents,
  renotifyAlertEvent,
  resolveAlertEvent,
  type NewAlertEvent,
} from "./alerts-events";
import { insertAlertRule } from "./alerts-rules";
import { ensureProject } from "./projects";
import { BadCursorError } from "./runs";
import { useDatabaseFixture } from "../test-support/use-fixture";

const t0 = new Date(Date.UTC(2026, 10, 20, 12, 0, 0));
const at = (sec: number) => new Date(t0.getTime() + sec * 1000);
let seq = 0;
const uid = (p: string) => `${p}-${++seq}`;

describe("alert events and deliveries repository", () => {
  const db = useDatabaseFixture();
  let project: string;
  let ruleId: string;

  const event = (over: Partial<NewAlertEvent> = {}): NewAlertEvent => ({
    id: uid("ev"),
    projectId: project,
    ruleId,
    dedupeKey: "k",
    traceId: null,
    spanId: null,
    value: 12,
    threshold: 10,
    message: "over",
    payload: { scopeKey: "k" },
    firedAt: t0,
    ...over,
  });
  const delivery = (nextAttemptAt = t0) => ({ id: uid("d"), body: { id: uid("n"), type: "firing" }, nextAttemptAt });

  beforeAll(async () => {
    project = (await ensureProject(db.prisma, "p", "P")).project.id;
    const rule = await insertAlertRule(db.pool, project, {
      name: "window",
      kind: "window_cost",
      threshold: 10,
      windowSec: 3600,
      scope: "user",
      config: {},
      webhookUrl: "http://127.0.0.1:1/hook",
      webhookSecret: null,
      slackFormat: false,
      enabled: true,
      renotifySec: 600,
    });
    ruleId = rule.id;
  });

  it("fires once per dedupe key and queues the first attempt with it", async () => {
    const first = await fireAlertEvent(db.pool, event({ dedupeKey: "run-1", traceId: "run-1" }), delivery());
    expect(first?.event).toMatchObject({ status: "firing", dedupeKey: "run-1", notifiedAt: t0.toISOString(), resolvedAt: null });
    expect(first?.delivery).toMatchObject({ attempt: 1, state: "pending", eventId: first?.event.id });
    // The same subject again (a re-sent batch, a second evaluator): nothing is written.
    expect(await fireAlertEvent(db.pool, event({ dedupeKey: "run-1", traceId: "run-1" }), delivery())).toBeNull();
    expect(await listAlertDeliveries(db.pool, project, first!.event.id)).toHaveLength(1);
  });

  it("resolves a firing event, keeps it in the history and lets the subject fire again", async () => {
    const fired = (await fireAlertEvent(db.pool, event({ dedupeKey: "user:alice" }), delivery()))!;
    expect(await resolveAlertEvent(db.pool, project, fired.event.id, at(60), delivery(at(60)))).toBe(true);
    // Resolving twice does nothing (and queues nothing).
    expect(await resolveAlertEvent(db.pool, project, fired.event.id, at(61), delivery(at(61)))).toBe(false);
    const resolved = (await getAlertEvent(db.pool, project, fired.event.id))!;
    expect(resolved).toMatchObject({ status: "resolved", resolvedAt: at(60).toISOString(), dedupeKey: `user:alice@resolved:${at(60).getTime()}` });
    expect(resolved.deliveries.map((d) => d.body.type)).toEqual(["firing", "firing"]);
    const again = await fireAlertEvent(db.pool, event({ dedupeKey: "user:alice", firedAt: at(120) }), delivery(at(120)));
    expect(again?.event.status).toBe("firing");
    expect((await listFiringAlertEvents(db.pool, project, ruleId)).map((e) => e.dedupeKey)).toContain("user:alice");
  });

  it("re-notifies only when the last notification is old enough", async () => {
    const fired = (await fireAlertEvent(db.pool, event({ dedupeKey: "user:bob" }), delivery()))!;
    // 5 minutes later with a 10-minute interval: not due.
    expect(await renotifyAlertEvent(db.pool, project, fired.event.id, { now: at(300), notifiedBefore: at(-300), value: 13 }, delivery(at(300)))).toBe(false);
    expect(await renotifyAlertEvent(db.pool, project, fired.event.id, { now: at(600), notifiedBefore: at(0), value: 14 }, delivery(at(600)))).toBe(true);
    const ev = (await getAlertEvent(db.pool, project, fired.event.id))!;
    expect(ev).toMatchObject({ value: 14, notifiedAt: at(600).toISOString() });
    expect(ev.deliveries).toHaveLength(2);
  });

  it("pages the history newest first with rule names and deliveries", async () => {
    const p2 = (await ensureProject(db.prisma, "hist", "Hist")).project.id;
    const rule = await insertAlertRule(db.pool, p2, {
      name: "cost", kind: "run_cost", threshold: 1, windowSec: null, scope: "project", config: {},
      webhookUrl: "http://x.test/", webhookSecret: null, slackFormat: false, enabled: true, renotifySec: null,
    });
    for (let i = 0; i < 5; i++) {
      await fireAlertEvent(db.pool, event({ projectId: p2, ruleId: rule.id, dedupeKey: `t${i}`, traceId: `t${i}`, firedAt: at(i) }), delivery(at(i)));
    }
    const page1 = await listAlertEvents(db.pool, p2, { limit: 2 });
    expect(page1.events.map((e) => e.traceId)).toEqual(["t4", "t3"]);
    expect(page1.events[0]).toMatchObject({ ruleName: "cost", ruleKind: "run_cost", deliveries: [{ attempt: 1, state: "pending" }] });
    const page2 = await listAlertEvents(db.pool, p2, { limit: 2, cursor: page1.nextCursor! });
    expect(page2.events.map((e) => e.traceId)).toEqual(["t2", "t1"]);
    const page3 = await listAlertEvents(db.pool, p2, { limit: 2, cursor: page2.nextCursor! });
    expect(page3).toMatchObject({ nextCursor: null });
    expect(page3.events.map((e) => e.traceId)).toEqual(["t0"]);
    expect((await listAlertEvents(db.pool, p2, { traceId: "t3" })).events).toHaveLength(1);
    // The other project's history is not visible here.
    expect((await listAlertEvents(db.pool, project, { traceId: "t3" })).events).toHaveLength(0);
    await expect(listAlertEvents(db.pool, p2, { cursor: "garbage" })).rejects.toBeInstanceOf(BadCursorError);
  });

  it("claims due attempts under a lease, records outcomes and chains retries", async () => {
    const fired = (await fireAlertEvent(db.pool, event({ dedupeKey: "queue" , firedAt: at(1000) }), delivery(at(1000))))!;
    // Not due before its time.
    expect((await claimDueAlertDeliveries(db.pool, { now: at(999), limit: 10, leaseMs: 30_000 })).map((d) => d.id)).not.toContain(fired.delivery.id);
    const claimed = await claimDueAlertDeliveries(db.pool, { now: at(1000), limit: 100, leaseMs: 30_000 });
    const mine = claimed.find((d) => d.id === fired.delivery.id)!;
    expect(mine).toMatchObject({ ruleId, webhookUrl: "http://127.0.0.1:1/hook", webhookSecret: null, slackFormat: false, attempt: 1 });
    // Leased: a second worker does not get it until the lease runs out.
    expect((await claimDueAlertDeliveries(db.pool, { now: at(1001), limit: 100, leaseMs: 30_000 })).map((d) => d.id)).not.toContain(mine.id);
    const next = await recordAlertDeliveryAttempt(db.pool, mine.id, { state: "failed", statusCode: 500, error: "HTTP 500" }, {
      now: at(1002),
      retry: { id: uid("d"), at: at(1010) },
    });
    expect(next).toMatchObject({ attempt: 2, state: "pending", nextAttemptAt: at(1010).toISOString(), body: fired.delivery.body });
    // Recording the same attempt twice changes nothing and queues nothing.
    expect(await recordAlertDeliveryAttempt(db.pool, mine.id, { state: "delivered", statusCode: 200, error: null }, { now: at(1003), retry: null })).toBeNull();
    const retry = (await claimDueAlertDeliveries(db.pool, { now: at(1010), limit: 100, leaseMs: 30_000 })).find((d) => d.id === next!.id)!;
    expect(await recordAlertDeliveryAttempt(db.pool, retry.id, { state: "delivered", statusCode: 204, error: null }, { now: at(1011), retry: null })).toBeNull();
    const log = await listAlertDeliveries(db.pool, project, fired.event.id);
    expect(log.map((d) => [d.attempt, d.state, d.statusCode])).toEqual([
      [1, "failed", 500],
      [2, "delivered", 204],
    ]);
  });
});
