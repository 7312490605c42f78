/**
 * Test-firing a rule (POST /api/v1/alerts/rules/{id}/test): an event marked as a test
 * (already resolved, so it never looks like a live alert) with a notification sent at
 * once, in the caller's process, through the same path as real ones — target check,
 * signature, delivery log. It names no run (an "Open span" link to some unrelated run
 * would mislead whoever receives it) and is tried once: a failed test is reported to the
 * person who pressed Test, not retried behind their back.
 */
import { randomUUID } from "node:crypto";
import { getAlertEvent, getAlertRule, listAlertDeliveries, type AlertDb, type AlertEventDetail } from "@onset/db";
import { AlertWriter } from "./alert-writer";
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from "./backoff";
import { deliverAttempt } from "./deliver-attempt";
import { ProjectCache } from "./ttl-caches";
import { formatValue } from "./value-format";
import { ruleUnit } from "./rule-kinds";
import type { HostLookup } from "./webhook-target";

/** What a test fire needs. */
export interface TestFireOptions {
  publicWebUrl: string;
  allowPrivateWebhooks: boolean;
  delivery?: Partial<DeliveryPolicy>;
  lookup?: HostLookup;
  now?: () => number;
}

/** Fires a test notification for a rule; null when the project has no such rule. */
export async function testFireRule(db: AlertDb, projectId: string, ruleId: string, opts: TestFireOptions): Promise<AlertEventDetail | null> {
  const rule = await getAlertRule(db, projectId, ruleId);
  if (!rule) return null;
  const now = opts.now ?? Date.now;
  const writer = new AlertWriter(db, new ProjectCache(db, 0, now), opts.publicWebUrl, now);
  const unit = ruleUnit(rule.kind, rule.config);
  const event = await writer.fire(
    rule,
    `test:${randomUUID()}`,
    {
      subject: { scope: "project", key: "" },
      value: rule.threshold,
      message: `Test notification from rule "${rule.name}" (${rule.kind}, threshold ${formatValue(unit, rule.threshold)}). Nothing is wrong.`,
      details: { test: true },
      run: null,
      spanId: null,
    },
    { test: true },
  );
  if (!event) return null;
  const [first] = await listAlertDeliveries(db, projectId, event.id);
  if (first) {
    await deliverAttempt(
      // One attempt, whatever the policy: no retry is queued for a test.
      { db, policy: { ...DEFAULT_DELIVERY_POLICY, ...opts.delivery, maxAttempts: 1 }, allowPrivateWebhooks: opts.allowPrivateWebhooks, lookup: opts.lookup, now },
      { ...first, webhookUrl: rule.webhookUrl, webhookSecret: rule.webhookSecret, slackFormat: rule.slackFormat },
    );
  }
  return getAlertEvent(db, projectId, event.id);
}
