/**
 * The alert rule form without React: form values from a rule, the POST and PATCH
 * bodies from form values (with the unit conversions the form offers: minutes for
 * windows, percent for error rates), and the one-line condition the rules list shows.
 */
import type { RuleView } from "@onset/alerts";

/** Rule kinds in the order the form offers them, with labels. */
export const KIND_OPTIONS = [
  { kind: "run_cost", label: "Run cost (in flight)" },
  { kind: "run_tokens", label: "Run tokens (in flight)" },
  { kind: "run_duration", label: "Run duration" },
  { kind: "loop", label: "Loop detected" },
  { kind: "window_cost", label: "Cost over a window" },
  { kind: "error_rate", label: "Error rate over a window" },
  { kind: "new_failure_mode", label: "New failure mode" },
] as const;

/** A rule kind. */
export type FormKind = (typeof KIND_OPTIONS)[number]["kind"];

/** Whether a kind is evaluated over a window. */
export function isWindowKind(kind: string): boolean {
  return kind === "window_cost" || kind === "error_rate" || kind === "new_failure_mode";
}

/** The form's fields, as the inputs hold them (strings). */
export interface RuleFormValues {
  name: string;
  kind: FormKind;
  threshold: string;
  windowMin: string;
  scope: "project" | "user" | "session";
  renotifyMin: string;
  dailyBudgetUsd: string;
  minRuns: string;
  measure: "repeats" | "wasted_cost_usd" | "wasted_tokens";
  /** A "new failure mode" rule: a mode first seen in the window, or any mode with `threshold` failed runs in it. */
  trigger: "first_seen" | "count";
  webhookUrl: string;
  webhookSecret: string;
  slackFormat: boolean;
  enabled: boolean;
}

/** The unit the threshold input is in, per kind (and loop measure). */
export function thresholdUnit(v: Pick<RuleFormValues, "kind" | "measure">): string {
  switch (v.kind) {
    case "run_cost":
    case "window_cost":
      return "USD";
    case "run_tokens":
      return "tokens";
    case "run_duration":
      return "seconds";
    case "error_rate":
      return "%";
    case "new_failure_mode":
      return "failed runs";
    case "loop":
      return v.measure === "wasted_cost_usd" ? "USD wasted" : v.measure === "wasted_tokens" ? "tokens wasted" : "repeats";
  }
}

/**
 * The threshold a new rule starts from, per kind (and loop measure): a sensible first
 * value, edited as needed — a loop rule fires at its third repeat by default.
 */
export function defaultThreshold(v: Pick<RuleFormValues, "kind" | "measure">): string {
  switch (v.kind) {
    case "run_cost":
      return "1";
    case "run_tokens":
      return "100000";
    case "run_duration":
      return "600";
    case "window_cost":
      return "10";
    case "error_rate":
      return "20";
    case "new_failure_mode":
      return "1";
    case "loop":
      return v.measure === "wasted_cost_usd" ? "0.10" : v.measure === "wasted_tokens" ? "20000" : "3";
  }
}

/**
 * The form after the kind or loop measure changed: a threshold still at the previous
 * default (or empty) follows to the new one; one the user typed is kept.
 */
export function withKind(v: RuleFormValues, change: Partial<Pick<RuleFormValues, "kind" | "measure">>): RuleFormValues {
  const next = { ...v, ...change };
  const untouched = v.threshold.trim() === "" || v.threshold === defaultThreshold(v);
  return untouched ? { ...next, threshold: defaultThreshold(next) } : next;
}

/** An empty form. */
export function emptyForm(): RuleFormValues {
  return {
    name: "",
    kind: "run_cost",
    threshold: defaultThreshold({ kind: "run_cost", measure: "repeats" }),
    windowMin: "60",
    scope: "project",
    renotifyMin: "",
    dailyBudgetUsd: "",
    minRuns: "",
    measure: "repeats",
    trigger: "first_seen",
    webhookUrl: "",
    webhookSecret: "",
    slackFormat: false,
    enabled: true,
  };
}

const str = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

/** The form filled from a stored rule (the secret is never known: left blank). */
export function formFromRule(r: RuleView): RuleFormValues {
  const c = r.config as { dailyBudgetUsd?: number; minRuns?: number; measure?: RuleFormValues["measure"]; trigger?: RuleFormValues["trigger"] };
  return {
    name: r.name,
    kind: r.kind as FormKind,
    threshold: r.kind === "error_rate" ? str(Math.round(r.threshold * 10000) / 100) : str(r.threshold),
    windowMin: r.windowSec ? str(r.windowSec / 60) : "60",
    scope: r.scope as RuleFormValues["scope"],
    renotifyMin: r.renotifySec ? str(r.renotifySec / 60) : "",
    dailyBudgetUsd: str(c.dailyBudgetUsd),
    minRuns: str(c.minRuns),
    measure: c.measure ?? "repeats",
    trigger: c.trigger ?? "first_seen",
    webhookUrl: r.webhookUrl,
    webhookSecret: "",
    slackFormat: r.slackFormat,
    enabled: r.enabled,
  };
}

/** A body, or the first problem found in the form. */
export type FormResult = { ok: true; body: Record<string, unknown> } | { ok: false; error: string };

function num(s: string): number | null {
  const t = s.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** The fields every kind shares plus the kind's own, shaped as the API takes them. */
function ruleFields(v: RuleFormValues): FormResult {
  const threshold = num(v.threshold);
  if (threshold === null || Number.isNaN(threshold) || threshold < 0) return { ok: false, error: "Threshold must be a number ≥ 0." };
  if (v.name.trim() === "") return { ok: false, error: "Give the rule a name." };
  if (v.webhookUrl.trim() === "") return { ok: false, error: "A webhook URL is needed." };
  const body: Record<string, unknown> = {
    name: v.name.trim(),
    threshold: v.kind === "error_rate" ? threshold / 100 : threshold,
    webhookUrl: v.webhookUrl.trim(),
    slackFormat: v.slackFormat,
    enabled: v.enabled,
  };
  const config: Record<string, unknown> = {};
  if (isWindowKind(v.kind)) {
    const windowMin = num(v.windowMin);
    if (windowMin === null || Number.isNaN(windowMin) || windowMin < 1) return { ok: false, error: "The window must be at least 1 minute." };
    body.windowSec = Math.round(windowMin * 60);
    // Failure modes are counted over the whole project: the rule takes no scope.
    if (v.kind !== "new_failure_mode") body.scope = v.scope;
    const renotify = num(v.renotifyMin);
    if (Number.isNaN(renotify) || (renotify !== null && renotify < 1)) return { ok: false, error: "Re-notify must be at least 1 minute, or empty." };
    body.renotifySec = renotify === null ? null : Math.round(renotify * 60);
  }
  if (v.kind === "window_cost") {
    const budget = num(v.dailyBudgetUsd);
    if (Number.isNaN(budget) || (budget !== null && budget <= 0)) return { ok: false, error: "The daily budget must be a positive amount, or empty." };
    if (budget !== null) config.dailyBudgetUsd = budget;
  }
  if (v.kind === "error_rate") {
    const minRuns = num(v.minRuns);
    if (Number.isNaN(minRuns) || (minRuns !== null && (minRuns < 1 || !Number.isInteger(minRuns)))) return { ok: false, error: "Minimum runs must be a whole number ≥ 1, or empty." };
    if (minRuns !== null) config.minRuns = minRuns;
  }
  if (v.kind === "new_failure_mode") {
    if (!Number.isInteger(threshold) || threshold < 1) return { ok: false, error: "A failure mode rule counts failed runs: a whole number ≥ 1." };
    config.trigger = v.trigger;
  }
  if (v.kind === "loop" && v.measure !== "repeats") config.measure = v.measure;
  body.config = config;
  return { ok: true, body };
}

/** The POST body of a new rule (a blank secret lets the server generate one). */
export function formToCreate(v: RuleFormValues): FormResult {
  const r = ruleFields(v);
  if (!r.ok) return r;
  const body = { ...r.body, kind: v.kind };
  if (v.webhookSecret.trim() !== "") Object.assign(body, { webhookSecret: v.webhookSecret.trim() });
  return { ok: true, body };
}

/**
 * The PATCH body of an edited rule (a blank secret keeps the current one). Config keys
 * the form does not show (a loop rule's `loopKinds`, set through the API) are kept.
 */
export function formToPatch(v: RuleFormValues, original?: Pick<RuleView, "config">): FormResult {
  const r = ruleFields(v);
  if (!r.ok) return r;
  const body = { ...r.body };
  if (v.kind === "loop" && original && Array.isArray(original.config.loopKinds)) {
    body.config = { ...(body.config as Record<string, unknown>), loopKinds: original.config.loopKinds };
  }
  if (v.webhookSecret.trim() !== "") body.webhookSecret = v.webhookSecret.trim();
  return { ok: true, body };
}

/** US dollars for the UI. */
export function usd(n: number): string {
  return n !== 0 && Math.abs(n) < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`;
}

/** A span of seconds as "90 s", "15 min", "1 h", "2 h 30 min", "1 d". */
export function span(sec: number): string {
  if (sec < 60) return `${Math.round(sec)} s`;
  if (sec % 86_400 === 0) return `${sec / 86_400} d`;
  if (sec < 3600) return `${Math.floor(sec / 60)} min${sec % 60 ? ` ${Math.round(sec % 60)} s` : ""}`;
  const m = Math.floor((sec % 3600) / 60);
  return `${Math.floor(sec / 3600)} h${m ? ` ${m} min` : ""}`;
}

/** A rule's value in its unit (events show value against threshold). */
export function formatRuleValue(kind: string, config: Record<string, unknown>, value: number): string {
  switch (kind) {
    case "run_cost":
    case "window_cost":
      return usd(value);
    case "run_tokens":
      return `${Math.round(value).toLocaleString("en-US")} tokens`;
    case "run_duration":
      return span(value);
    case "error_rate":
      return `${Math.round(value * 1000) / 10}%`;
    case "new_failure_mode":
      return `${Math.round(value)} failed run${Math.round(value) === 1 ? "" : "s"}`;
    default:
      return config.measure === "wasted_cost_usd"
        ? `${usd(value)} wasted`
        : config.measure === "wasted_tokens"
          ? `${Math.round(value).toLocaleString("en-US")} tokens wasted`
          : `${Math.round(value)} repeats`;
  }
}

/** The rule's condition in one line, e.g. "cost per user ≥ $10.00 over 1 h · budget $50.00/day". */
export function describeCondition(r: Pick<RuleView, "kind" | "threshold" | "windowSec" | "scope" | "config" | "renotifySec">): string {
  const v = formatRuleValue(r.kind, r.config, r.threshold);
  const per = r.scope === "project" ? "of the project" : `per ${r.scope}`;
  const c = r.config as { dailyBudgetUsd?: number; minRuns?: number; trigger?: string };
  const renotify = r.renotifySec ? ` · re-notify every ${span(r.renotifySec)}` : "";
  switch (r.kind) {
    case "run_cost":
      return `run cost ≥ ${v}`;
    case "run_tokens":
      return `run tokens ≥ ${v}`;
    case "run_duration":
      return `run duration ≥ ${v}`;
    case "loop":
      return `loop ≥ ${v}`;
    case "window_cost":
      return `cost ${per} ≥ ${v} over ${span(r.windowSec ?? 0)}${c.dailyBudgetUsd ? ` · budget ${usd(c.dailyBudgetUsd)}/day` : ""}${renotify}`;
    case "error_rate":
      return `error rate ${per} ≥ ${v} over ${span(r.windowSec ?? 0)} (at least ${c.minRuns ?? 5} finished runs)${renotify}`;
    case "new_failure_mode":
      return c.trigger === "count"
        ? `any failure mode with ≥ ${v} over ${span(r.windowSec ?? 0)}${renotify}`
        : `a new failure mode (first seen) with ≥ ${v} over ${span(r.windowSec ?? 0)}${renotify}`;
    default:
      return `${r.kind} ≥ ${v}`;
  }
}

/** How an event's status reads: per-run alerts fire once ("fired"); tests are marked as such. */
export function eventStatusLabel(e: { status: string; ruleKind: string; payload: Record<string, unknown> }): "test" | "fired" | "firing" | "resolved" {
  if (e.payload.test === true) return "test";
  if (!isWindowKind(e.ruleKind)) return "fired";
  return e.status === "resolved" ? "resolved" : "firing";
}

/** The in-app link of an event's run, with its span selected (ids URL-encoded). */
export function eventRunHref(e: { traceId: string | null; spanId: string | null }): string | null {
  if (!e.traceId) return null;
  const base = `/runs/${encodeURIComponent(e.traceId)}`;
  return e.spanId ? `${base}?span=${encodeURIComponent(e.spanId)}` : base;
}
