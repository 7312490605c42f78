/**
 * The "new failure mode" rule (issue 18): failure modes are failed runs grouped by the
 * deterministic signature of their onset (packages/db failure-modes.ts). Trigger
 * `first_seen` (default): a mode first seen within the window, once it has `threshold`
 * runs there. Trigger `count`: any mode with at least `threshold` runs in the window.
 * One event per mode (dedupe key `failure_mode:<key>`); it resolves when the mode no
 * longer qualifies (its first sighting left the window, or its count fell under).
 */
import type { AlertEventRow, AlertRuleRow, FailureModeParts } from "@onset/db";
import type { AlertFacts } from "./alert-writer";
import type { FailureModeTrigger } from "./rule-kinds";
import type { WindowDecision } from "./window-rules";
import { clipText, formatWindow } from "./value-format";

/** A mode as the rule sees it: its parts, when first seen, its runs in the window and its latest run. */
export interface WindowFailureMode extends FailureModeParts {
  firstSeenAt: string;
  runs: number;
  lastTraceId: string | null;
}

/** The rule's trigger (first_seen unless the config says count). */
export function failureModeTrigger(rule: AlertRuleRow): FailureModeTrigger {
  return rule.config.trigger === "count" ? "count" : "first_seen";
}

function facts(rule: AlertRuleRow, m: WindowFailureMode | null, key: string, resolved: boolean): AlertFacts {
  const window = formatWindow(rule.windowSec ?? 0);
  const what = m ? `"${clipText(m.errorClass, 120)}" (${m.evidenceKind}, agent ${clipText(m.agentName, 60)}, tool ${clipText(m.tool, 60)})` : key;
  const message = resolved
    ? `Resolved: failure mode ${what} no longer qualifies over the last ${window}.`
    : failureModeTrigger(rule) === "first_seen"
      ? `New failure mode ${what}: first seen ${m!.firstSeenAt}, ${m!.runs} failed run(s) in the last ${window}.`
      : `Failure mode ${what}: ${m!.runs} failed runs in the last ${window}, at or over ${rule.threshold}.`;
  return {
    subject: { scope: "project", key: "" },
    value: m?.runs ?? 0,
    message,
    details: { failureMode: m ?? { key }, windowSec: rule.windowSec, trigger: failureModeTrigger(rule) },
    run: m?.lastTraceId ? { traceId: m.lastTraceId, name: null, inFlight: false } : null,
    spanId: null,
  };
}

/** Decides what the rule does now, given the modes of the window and its firing events. */
export function decideFailureModes(rule: AlertRuleRow, modes: readonly WindowFailureMode[], firing: readonly AlertEventRow[], nowMs: number): WindowDecision {
  const decision: WindowDecision = { fire: [], renotify: [], resolve: [] };
  const open = new Map(firing.map((e) => [e.dedupeKey, e]));
  const over = new Set<string>();
  for (const m of modes) {
    if (m.runs < Math.max(1, rule.threshold)) continue;
    const dedupeKey = `failure_mode:${m.key}`;
    over.add(dedupeKey);
    const event = open.get(dedupeKey);
    if (!event) decision.fire.push({ dedupeKey, facts: facts(rule, m, m.key, false) });
    else if (rule.renotifySec && (event.notifiedAt === null || nowMs - Date.parse(event.notifiedAt) >= rule.renotifySec * 1000)) {
      decision.renotify.push({ event, facts: facts(rule, m, m.key, false) });
    }
  }
  for (const e of firing) if (!over.has(e.dedupeKey)) decision.resolve.push({ event: e, facts: facts(rule, null, e.dedupeKey.slice("failure_mode:".length), true) });
  return decision;
}
