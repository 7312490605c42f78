/**
 * The JSON body of a notification: what fired (rule, value, threshold, unit, message),
 * about whom (the run, user, session or project), and links back into Onset — the run
 * (publicWebUrl/runs/<traceId>?project=<slug>) and the span that fired it (…&span=<spanId>),
 * each naming the project so any member opens it in a fresh session. The same
 * payload is stored in alert_deliveries.body; the Slack form is derived from it.
 */
import type { AlertRuleRow } from "@onset/db";
import { ruleUnit, type RuleUnit } from "./rule-kinds";

/** Why a notification was sent. */
export type NotificationType = "firing" | "renotify" | "resolved" | "test";

/** What an event is about. */
export interface AlertSubject {
  scope: "run" | "project" | "user" | "session";
  /** Trace id, user id, session id, or "" for the project. */
  key: string;
}

/** The notification body a JSON webhook receives (plus `sentAt`, set per attempt). */
export interface AlertPayload {
  version: 1;
  /** Notification id: the same for every attempt (use it to drop duplicates). */
  id: string;
  type: NotificationType;
  eventId: string;
  status: "firing" | "resolved";
  rule: { id: string; name: string; kind: string; threshold: number; windowSec: number | null; scope: string };
  project: { id: string; slug: string; name: string };
  subject: AlertSubject;
  value: number;
  threshold: number;
  unit: RuleUnit;
  message: string;
  /** The run that fired it (for window rules: the costliest or latest failed run). */
  run: { traceId: string; name: string | null; inFlight: boolean | null; url: string } | null;
  /** The span that fired it. */
  span: { spanId: string; url: string } | null;
  /** Kind-specific figures (loop finding, budget forecast, window counts, …). */
  details: Record<string, unknown>;
  firedAt: string;
  links: { alerts: string; run: string | null; span: string | null };
}

/** What {@link buildPayload} needs. */
export interface PayloadInput {
  notificationId: string;
  type: NotificationType;
  eventId: string;
  status: "firing" | "resolved";
  rule: Pick<AlertRuleRow, "id" | "name" | "kind" | "threshold" | "windowSec" | "scope" | "config">;
  project: { id: string; slug: string; name: string };
  subject: AlertSubject;
  value: number;
  message: string;
  run: { traceId: string; name: string | null; inFlight: boolean | null } | null;
  spanId: string | null;
  details: Record<string, unknown>;
  firedAt: Date;
  publicWebUrl: string;
}

/** The run page's URL in its project. */
export function runUrl(publicWebUrl: string, projectSlug: string, traceId: string): string {
  return `${publicWebUrl.replace(/\/+$/, "")}/runs/${encodeURIComponent(traceId)}?project=${encodeURIComponent(projectSlug)}`;
}

/** The run page's URL in its project with a span selected. */
export function spanUrl(publicWebUrl: string, projectSlug: string, traceId: string, spanId: string): string {
  return `${runUrl(publicWebUrl, projectSlug, traceId)}&span=${encodeURIComponent(spanId)}`;
}

/** Builds a notification payload. */
export function buildPayload(p: PayloadInput): AlertPayload {
  const base = p.publicWebUrl.replace(/\/+$/, "");
  const run = p.run ? { ...p.run, url: runUrl(base, p.project.slug, p.run.traceId) } : null;
  const span = p.run && p.spanId ? { spanId: p.spanId, url: spanUrl(base, p.project.slug, p.run.traceId, p.spanId) } : null;
  return {
    version: 1,
    id: p.notificationId,
    type: p.type,
    eventId: p.eventId,
    status: p.status,
    rule: { id: p.rule.id, name: p.rule.name, kind: p.rule.kind, threshold: p.rule.threshold, windowSec: p.rule.windowSec, scope: p.rule.scope },
    project: p.project,
    subject: p.subject,
    value: p.value,
    threshold: p.rule.threshold,
    unit: ruleUnit(p.rule.kind, p.rule.config),
    message: p.message,
    run,
    span,
    details: p.details,
    firedAt: p.firedAt.toISOString(),
    links: { alerts: `${base}/alerts?project=${encodeURIComponent(p.project.slug)}`, run: run?.url ?? null, span: span?.url ?? null },
  };
}
