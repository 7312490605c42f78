/** The alert rule form's conversions, the conditions the list shows, and event links. */
import { describe, expect, it } from "vitest";
import type { RuleView } from "@onset/alerts";
import { describeCondition, emptyForm, eventRunHref, eventStatusLabel, formFromRule, formToCreate, formToPatch, type RuleFormValues } from "./rule-form-model";

const form = (over: Partial<RuleFormValues>): RuleFormValues => ({ ...emptyForm(), name: "r", webhookUrl: "https://h.example/x", ...over });

function rule(over: Partial<RuleView>): RuleView {
  return {
    id: "r1", projectId: "p", name: "r", kind: "run_cost", threshold: 1, windowSec: null, scope: "project", config: {},
    webhookUrl: "https://h.example/x", slackFormat: false, enabled: true, renotifySec: null,
    createdAt: "", updatedAt: "", hasSecret: true, secretHint: "abcd", ...over,
  };
}

describe("formToCreate", () => {
  it.each([
    { why: "a run cost rule", f: form({ threshold: "1.5" }), body: { kind: "run_cost", threshold: 1.5, config: {} } },
    {
      why: "window minutes become seconds, budget goes to config",
      f: form({ kind: "window_cost", threshold: "10", windowMin: "60", scope: "user", renotifyMin: "30", dailyBudgetUsd: "50" }),
      body: { kind: "window_cost", windowSec: 3600, scope: "user", renotifySec: 1800, config: { dailyBudgetUsd: 50 } },
    },
    { why: "error rate percent becomes a fraction", f: form({ kind: "error_rate", threshold: "25", minRuns: "10" }), body: { threshold: 0.25, config: { minRuns: 10 }, renotifySec: null } },
    { why: "a loop measure other than repeats is sent", f: form({ kind: "loop", threshold: "0.5", measure: "wasted_cost_usd" }), body: { config: { measure: "wasted_cost_usd" } } },
    { why: "a typed secret is sent", f: form({ threshold: "1", webhookSecret: " my-own-secret-value-123 " }), body: { webhookSecret: "my-own-secret-value-123" } },
    {
      why: "a new failure mode rule sends its trigger and no scope",
      f: form({ kind: "new_failure_mode", threshold: "2", windowMin: "1440", trigger: "count" }),
      body: { kind: "new_failure_mode", threshold: 2, windowSec: 86_400, config: { trigger: "count" } },
    },
  ])("$why", ({ f, body }) => {
    const r = formToCreate(f);
    expect(r.ok && r.body).toMatchObject(body);
  });

  it("sends no scope for a failure mode rule (the API refuses one)", () => {
    const r = formToCreate(form({ kind: "new_failure_mode", threshold: "1", scope: "user" }));
    expect(r.ok && "scope" in r.body).toBe(false);
    expect(r.ok && r.body.config).toEqual({ trigger: "first_seen" });
  });

  it.each([
    { why: "no threshold", f: form({ threshold: "" }), error: /Threshold/ },
    { why: "a negative threshold", f: form({ threshold: "-1" }), error: /Threshold/ },
    { why: "no URL", f: form({ threshold: "1", webhookUrl: " " }), error: /webhook URL/ },
    { why: "a zero window", f: form({ kind: "window_cost", threshold: "1", windowMin: "0" }), error: /window/ },
    { why: "a fractional failed-run count", f: form({ kind: "new_failure_mode", threshold: "1.5" }), error: /whole number/ },
    { why: "a fractional minimum of runs", f: form({ kind: "error_rate", threshold: "10", minRuns: "2.5" }), error: /whole number/ },
  ])("refuses $why", ({ f, error }) => {
    const r = formToCreate(f);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it("does not send a window for run rules, nor a secret when left blank", () => {
    const r = formToCreate(form({ threshold: "2" }));
    expect(r.ok && Object.keys(r.body).sort()).toEqual(["config", "enabled", "kind", "name", "slackFormat", "threshold", "webhookUrl"]);
  });
});

describe("editing", () => {
  it("round-trips a stored rule through the form, without the kind", () => {
    const stored = rule({ kind: "error_rate", threshold: 0.2, windowSec: 900, scope: "session", renotifySec: 600, config: { minRuns: 8 } });
    const f = formFromRule(stored);
    expect(f).toMatchObject({ threshold: "20", windowMin: "15", renotifyMin: "10", minRuns: "8", webhookSecret: "" });
    const r = formToPatch(f);
    expect(r.ok && r.body).toEqual({
      name: "r", threshold: 0.2, webhookUrl: "https://h.example/x", slackFormat: false, enabled: true,
      windowSec: 900, scope: "session", renotifySec: 600, config: { minRuns: 8 },
    });
  });

  it("keeps config keys the form does not show", () => {
    const stored = rule({ kind: "loop", threshold: 3, config: { measure: "wasted_tokens", loopKinds: ["cycle"] } });
    const r = formToPatch({ ...formFromRule(stored), threshold: "5000" }, stored);
    expect(r.ok && r.body.config).toEqual({ measure: "wasted_tokens", loopKinds: ["cycle"] });
  });
});

describe("describeCondition", () => {
  it.each([
    { r: rule({}), text: "run cost ≥ $1.00" },
    { r: rule({ kind: "run_tokens", threshold: 100000 }), text: "run tokens ≥ 100,000 tokens" },
    { r: rule({ kind: "run_duration", threshold: 600 }), text: "run duration ≥ 10 min" },
    { r: rule({ kind: "loop", threshold: 3 }), text: "loop ≥ 3 repeats" },
    { r: rule({ kind: "window_cost", threshold: 10, windowSec: 3600, scope: "user", config: { dailyBudgetUsd: 50 } }), text: "cost per user ≥ $10.00 over 1 h · budget $50.00/day" },
    { r: rule({ kind: "new_failure_mode", threshold: 1, windowSec: 3600 }), text: "a new failure mode (first seen) with ≥ 1 failed run over 1 h" },
    { r: rule({ kind: "new_failure_mode", threshold: 5, windowSec: 86_400, config: { trigger: "count" } }), text: "any failure mode with ≥ 5 failed runs over 1 d" },
    { r: rule({ kind: "error_rate", threshold: 0.2, windowSec: 900, renotifySec: 1800 }), text: "error rate of the project ≥ 20% over 15 min (at least 5 finished runs) · re-notify every 30 min" },
  ])("$text", ({ r, text }) => {
    expect(describeCondition(r)).toBe(text);
  });
});

describe("events", () => {
  it.each([
    { e: { status: "firing", ruleKind: "run_cost", payload: {} }, label: "fired", why: "per-run alerts fire once" },
    { e: { status: "firing", ruleKind: "window_cost", payload: {} }, label: "firing", why: "window alerts stay firing" },
    { e: { status: "resolved", ruleKind: "error_rate", payload: {} }, label: "resolved", why: "until they resolve" },
    { e: { status: "resolved", ruleKind: "loop", payload: { test: true } }, label: "test", why: "tests are marked" },
  ])("$label: $why", ({ e, label }) => {
    expect(eventStatusLabel(e)).toBe(label);
  });

  it("links to the run with the span selected, ids encoded", () => {
    expect(eventRunHref({ traceId: "abc", spanId: "d/e" })).toBe("/runs/abc?span=d%2Fe");
    expect(eventRunHref({ traceId: "abc", spanId: null })).toBe("/runs/abc");
    expect(eventRunHref({ traceId: null, spanId: "x" })).toBeNull();
  });
});
