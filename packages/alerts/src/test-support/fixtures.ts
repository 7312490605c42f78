/** Builders for the rule rows and run summaries the pure rule tests feed. */
import type { AlertRuleRow, TouchedTrace } from "@onset/db";

/** A rule row with defaults; override what the case cares about. */
export function ruleRow(over: Partial<AlertRuleRow> & Pick<AlertRuleRow, "kind" | "threshold">): AlertRuleRow {
  return {
    id: `rule-${over.kind}`,
    projectId: "p1",
    name: `${over.kind} rule`,
    windowSec: null,
    scope: "project",
    config: {},
    webhookUrl: "https://hooks.example.com/x",
    webhookSecret: null,
    slackFormat: false,
    enabled: true,
    renotifySec: null,
    createdAt: "2026-11-20T00:00:00.000Z",
    updatedAt: "2026-11-20T00:00:00.000Z",
    ...over,
  };
}

/** A touched run summary with defaults. */
export function touchedTrace(over: Partial<TouchedTrace> = {}): TouchedTrace {
  return {
    project_id: "p1",
    trace_id: "0af7651916cd43dd8448eb211c80319c",
    name: "invoke_workflow triage",
    status: "unset",
    span_count: 3,
    error_count: 0,
    cost_usd: 0,
    input_tokens: 0,
    output_tokens: 0,
    start_time: "2026-11-20T12:00:00.000+00:00",
    end_time: "2026-11-20T12:00:10.000+00:00",
    root_span_id: null,
    session_id: null,
    user_id: null,
    ...over,
  };
}
