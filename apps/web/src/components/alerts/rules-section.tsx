"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { RuleView } from "@onset/alerts";
import { apiDelete, apiGet, apiPatch, apiPost } from "@/lib/api-client";
import type { RulesResponse, RuleWriteResponse, TestFireResponse } from "@/contracts/alerts";
import { alertKeys } from "./alerts-api";
import { CopyButton } from "../copy-button";
import { attemptLabel } from "./delivery-log";
import { RuleForm } from "./rule-form";
import { describeCondition, KIND_OPTIONS } from "./rule-form-model";
import styles from "./alerts.module.css";
import { QueryStatus } from "../query-status";
import { TableHead } from "../table-head";

const kindLabel = (kind: string) => KIND_OPTIONS.find((k) => k.kind === kind)?.label ?? kind;

/** The secret of a rule just created or rotated, shown this once. */
function SecretNotice({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  return (
    <div className={`card ${styles.notice}`} role="status" data-testid="rule-secret">
      <h2>Signing secret of “{name}”</h2>
      <p>
        Shown only now. Each delivery carries <code>X-Onset-Signature: sha256=…</code>, the HMAC-SHA256 of the raw body under this secret, and{" "}
        <code>X-Onset-Timestamp</code>.
      </p>
      <div className={styles.secretRow}>
        <input
          readOnly
          value={secret}
          aria-label="Signing secret"
          className={styles.secret}
          spellCheck={false}
          size={secret.length}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="rule-secret-value"
        />
        <CopyButton text={secret} what="signing secret" />
      </div>
      <button className={styles.secondary} onClick={onDone}>
        I have stored it
      </button>
    </div>
  );
}

/** The project's rules with create, edit, enable/disable, test fire and delete. */
export function RulesSection({ onShowHistory }: { onShowHistory: (ruleId: string) => void }) {
  const qc = useQueryClient();
  const rules = useQuery({ queryKey: alertKeys.rules, queryFn: () => apiGet<RulesResponse>("/alerts/rules") });
  const [editing, setEditing] = useState<"new" | RuleView | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [tests, setTests] = useState<Record<string, string>>({});
  const refresh = () => qc.invalidateQueries({ queryKey: ["alerts"] });

  const toggle = useMutation({
    mutationFn: (r: RuleView) => apiPatch<RuleWriteResponse>(`/alerts/rules/${encodeURIComponent(r.id)}`, { enabled: !r.enabled }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (r: RuleView) => apiDelete(`/alerts/rules/${encodeURIComponent(r.id)}`),
    onSuccess: refresh,
  });
  const testFire = useMutation({
    mutationFn: (r: RuleView) => apiPost<TestFireResponse>(`/alerts/rules/${encodeURIComponent(r.id)}/test`),
    onMutate: (r) => setTests((t) => ({ ...t, [r.id]: "Sending…" })),
    onSuccess: (res, r) => {
      const first = res.event.deliveries[0];
      setTests((t) => ({ ...t, [r.id]: first ? `Test ${first.state === "delivered" ? "delivered" : "failed"}: ${attemptLabel(first)}${first.error && first.statusCode !== null ? ` (${first.error})` : ""}` : "Test queued" }));
      void refresh();
    },
    onError: (err, r) => setTests((t) => ({ ...t, [r.id]: `Test failed: ${err.message}` })),
  });
  const saved = (res: RuleWriteResponse) => {
    if (res.webhookSecret) setSecret({ name: res.rule.name, secret: res.webhookSecret });
    setEditing(null);
    void refresh();
  };
  const list = rules.data?.rules ?? [];

  return (
    <section className={styles.section}>
      <div className={styles.heading}>
        <h2>Rules</h2>
        {editing === null && <button onClick={() => setEditing("new")}>New rule</button>}
      </div>
      {secret && <SecretNotice {...secret} onDone={() => setSecret(null)} />}
      {editing !== null && <RuleForm key={editing === "new" ? "new" : editing.id} rule={editing === "new" ? null : editing} onSaved={saved} onCancel={() => setEditing(null)} />}
      <QueryStatus query={rules} loading="Loading rules…" failed="Could not load rules" />
      {rules.isSuccess && list.length === 0 && editing === null && (
        <p className="muted">No alert rules yet. A rule watches runs as their spans arrive (cost, tokens, duration, loops) or the project over a window (cost, error rate), and POSTs to a webhook.</p>
      )}
      {list.length > 0 && (
        <table data-testid="rules-table">
          <TableHead columns={["Rule", "Condition", "Webhook", "State", "Actions"]} />
          <tbody>
            {list.map((r) => (
              <tr key={r.id} data-testid={`rule-${r.id}`}>
                <td>
                  <strong>{r.name}</strong>
                  <div className="muted small">{kindLabel(r.kind)}</div>
                </td>
                <td>{describeCondition(r)}</td>
                <td className={styles.url}>
                  {r.webhookUrl}
                  <div className="muted small">
                    {r.slackFormat ? "Slack format" : "JSON"} · {r.hasSecret ? `signed (…${r.secretHint})` : "unsigned"}
                  </div>
                </td>
                <td>
                  <span className={`badge ${r.enabled ? "status-ok" : ""}`}>{r.enabled ? "enabled" : "disabled"}</span>
                </td>
                <td>
                  <div className={styles.rowActions}>
                    <button className={styles.secondary} onClick={() => testFire.mutate(r)} disabled={testFire.isPending && testFire.variables?.id === r.id}>
                      Test
                    </button>
                    <button className={styles.secondary} onClick={() => setEditing(r)}>
                      Edit
                    </button>
                    <button className={styles.secondary} onClick={() => toggle.mutate(r)}>
                      {r.enabled ? "Disable" : "Enable"}
                    </button>
                    <button className={styles.secondary} onClick={() => onShowHistory(r.id)}>
                      History
                    </button>
                    <button
                      className={styles.danger}
                      onClick={() => {
                        if (window.confirm(`Delete the rule “${r.name}” and its history?`)) remove.mutate(r);
                      }}
                    >
                      Delete
                    </button>
                  </div>
                  {tests[r.id] && (
                    <div className="small" role="status" data-testid="test-result">
                      {tests[r.id]}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(toggle.isError || remove.isError) && (
        <p role="alert" className="error">
          {(toggle.error ?? remove.error)?.message}
        </p>
      )}
    </section>
  );
}
