"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { RuleView } from "@onset/alerts";
import { apiPatch, apiPost } from "@/lib/api-client";
import type { RuleWriteResponse } from "@/contracts/alerts";
import { PayloadHelp } from "./payload-help";
import { defaultThreshold, emptyForm, formFromRule, formToCreate, formToPatch, isWindowKind, KIND_OPTIONS, thresholdUnit, withKind, type FormKind, type RuleFormValues } from "./rule-form-model";
import styles from "./alerts.module.css";

/** Creates a rule (`rule` null) or edits one; the kind of an existing rule is fixed. */
export function RuleForm({ rule, onSaved, onCancel }: { rule: RuleView | null; onSaved: (r: RuleWriteResponse) => void; onCancel: () => void }) {
  const [v, setV] = useState<RuleFormValues>(() => (rule ? formFromRule(rule) : emptyForm()));
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof RuleFormValues>(k: K, value: RuleFormValues[K]) => setV((prev) => ({ ...prev, [k]: value }));
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      rule ? apiPatch<RuleWriteResponse>(`/alerts/rules/${encodeURIComponent(rule.id)}`, body) : apiPost<RuleWriteResponse>("/alerts/rules", body),
    onSuccess: onSaved,
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const r = rule ? formToPatch(v, rule) : formToCreate(v);
    if (!r.ok) return setProblem(r.error);
    setProblem(null);
    save.mutate(r.body);
  };
  const windowed = isWindowKind(v.kind);
  const error = problem ?? (save.isError ? save.error.message : null);

  return (
    <form className={`card ${styles.ruleForm}`} onSubmit={submit} aria-label={rule ? "Edit alert rule" : "New alert rule"}>
      <h2>{rule ? `Edit “${rule.name}”` : "New alert rule"}</h2>
      <div className={styles.formGrid}>
        <label>
          Name
          <input value={v.name} onChange={(e) => set("name", e.target.value)} maxLength={200} required />
        </label>
        <label>
          Kind
          <select value={v.kind} onChange={(e) => setV((prev) => withKind(prev, { kind: e.target.value as FormKind }))} disabled={rule !== null}>
            {KIND_OPTIONS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        {v.kind === "loop" && (
          <label>
            Measure
            <select value={v.measure} onChange={(e) => setV((prev) => withKind(prev, { measure: e.target.value as RuleFormValues["measure"] }))}>
              <option value="repeats">Repeats</option>
              <option value="wasted_cost_usd">Wasted cost (USD)</option>
              <option value="wasted_tokens">Wasted tokens</option>
            </select>
          </label>
        )}
        <label>
          Threshold ({thresholdUnit(v)})
          <input value={v.threshold} onChange={(e) => set("threshold", e.target.value)} inputMode="decimal" placeholder={defaultThreshold(v)} required />
        </label>
        {windowed && (
          <>
            <label>
              Window (minutes)
              <input value={v.windowMin} onChange={(e) => set("windowMin", e.target.value)} inputMode="numeric" />
            </label>
            {v.kind !== "new_failure_mode" && (
              <label>
                Per
                <select value={v.scope} onChange={(e) => set("scope", e.target.value as RuleFormValues["scope"])}>
                  <option value="project">Project</option>
                  <option value="user">User</option>
                  <option value="session">Session</option>
                </select>
              </label>
            )}
            <label>
              Re-notify every (minutes, optional)
              <input value={v.renotifyMin} onChange={(e) => set("renotifyMin", e.target.value)} inputMode="numeric" />
            </label>
          </>
        )}
        {v.kind === "window_cost" && (
          <label>
            Daily budget (USD, optional)
            <input value={v.dailyBudgetUsd} onChange={(e) => set("dailyBudgetUsd", e.target.value)} inputMode="decimal" />
          </label>
        )}
        {v.kind === "new_failure_mode" && (
          <label>
            Fires when
            <select value={v.trigger} onChange={(e) => set("trigger", e.target.value as RuleFormValues["trigger"])}>
              <option value="first_seen">A mode is first seen</option>
              <option value="count">A mode reaches the threshold</option>
            </select>
          </label>
        )}
        {v.kind === "error_rate" && (
          <label>
            Minimum finished runs (default 5)
            <input value={v.minRuns} onChange={(e) => set("minRuns", e.target.value)} inputMode="numeric" />
          </label>
        )}
        <label className={styles.wide}>
          Webhook URL
          <input value={v.webhookUrl} onChange={(e) => set("webhookUrl", e.target.value)} placeholder="https://hooks.slack.com/services/…" type="url" required />
        </label>
        <label className={styles.wide}>
          {rule ? "New signing secret (blank keeps the current one)" : "Signing secret (blank: generate one)"}
          <input value={v.webhookSecret} onChange={(e) => set("webhookSecret", e.target.value)} autoComplete="off" spellCheck={false} className={styles.secret} />
        </label>
      </div>
      <div className={styles.checks}>
        <label>
          <input type="checkbox" checked={v.slackFormat} onChange={(e) => set("slackFormat", e.target.checked)} /> Slack format
        </label>
        <label>
          <input type="checkbox" checked={v.enabled} onChange={(e) => set("enabled", e.target.checked)} /> Enabled
        </label>
      </div>
      <PayloadHelp slack={v.slackFormat} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className={styles.actions}>
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : rule ? "Save changes" : "Create rule"}
        </button>
        <button type="button" className={styles.secondary} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
