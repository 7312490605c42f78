"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { apiGet, apiPatch } from "@/lib/api-client";
import type { JudgeMode, JudgeSettingsResponse } from "@/contracts/judge";
import { JUDGE_MODE_TEXT } from "@/lib/judge-mode-text";
import styles from "./settings.module.css";
import { canAdminister, useUserProjects } from "./use-current-project";

const KEY = ["judge-settings"];

/**
 * The optional LLM judge's settings (issue 18): any OpenAI-compatible endpoint, its
 * model and key (sealed at rest under ONSET_SECRET_KEY; never shown again, only whether
 * one is stored), prices for when the endpoint reports no cost, the timeout and prompt
 * budget, and when it runs. Admins change them; others read.
 */
export function JudgeSection() {
  const queryClient = useQueryClient();
  const canEdit = canAdminister(useUserProjects().data?.currentRole);
  const q = useQuery({ queryKey: KEY, queryFn: () => apiGet<JudgeSettingsResponse>("/settings/judge") });
  const [form, setForm] = useState({ mode: "off" as JudgeMode, baseUrl: "", model: "", apiKey: "", inputUsdPerMTok: "0", outputUsdPerMTok: "0", timeoutMs: "20000", promptTokenBudget: "8000" });
  useEffect(() => {
    const j = q.data?.judge;
    if (j) {
      setForm({
        mode: j.mode,
        baseUrl: j.baseUrl ?? "",
        model: j.model ?? "",
        apiKey: "",
        inputUsdPerMTok: String(j.inputUsdPerMTok),
        outputUsdPerMTok: String(j.outputUsdPerMTok),
        timeoutMs: String(j.timeoutMs),
        promptTokenBudget: String(j.promptTokenBudget),
      });
    }
  }, [q.data]);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiPatch<JudgeSettingsResponse>("/settings/judge", body),
    onSuccess: (data) => queryClient.setQueryData(KEY, data),
  });
  if (!q.data) return <p className="muted">{q.isError ? q.error.message : "Loading the judge settings…"}</p>;
  const { judge, secretKeyConfigured } = q.data;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      mode: form.mode,
      baseUrl: form.baseUrl.trim() || null,
      model: form.model.trim() || null,
      ...(form.apiKey ? { apiKey: form.apiKey } : {}),
      inputUsdPerMTok: Number(form.inputUsdPerMTok),
      outputUsdPerMTok: Number(form.outputUsdPerMTok),
      timeoutMs: Number(form.timeoutMs),
      promptTokenBudget: Number(form.promptTokenBudget),
    });
  };
  return (
    <section className="card" data-testid="judge-settings">
      <h2>LLM judge</h2>
      <p className="small muted">
        An optional second opinion on where a failed run went wrong: any OpenAI-compatible <code>/chat/completions</code> endpoint re-ranks the
        deterministic onset candidates. The deterministic answer always stands beside it.
      </p>
      <form onSubmit={submit} className={styles.stackForm}>
        <label>
          When it runs
          <select value={form.mode} onChange={set("mode")} disabled={!canEdit} data-testid="judge-mode">
            {(Object.keys(JUDGE_MODE_TEXT) as JudgeMode[]).map((m) => (
              <option key={m} value={m}>
                {JUDGE_MODE_TEXT[m]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Base URL (up to, not including, /chat/completions)
          <input value={form.baseUrl} onChange={set("baseUrl")} placeholder="http://localhost:11434/v1" disabled={!canEdit} data-testid="judge-base-url" />
        </label>
        <label>
          Model
          <input value={form.model} onChange={set("model")} placeholder="gpt-4o-mini" disabled={!canEdit} data-testid="judge-model" />
        </label>
        <label>
          API key {judge.hasApiKey ? "(one is stored; type a new one to replace it)" : "(none stored)"}
          <input type="password" autoComplete="off" value={form.apiKey} onChange={set("apiKey")} disabled={!canEdit || !secretKeyConfigured} data-testid="judge-api-key" />
        </label>
        {!secretKeyConfigured && (
          <p className="small error" data-testid="judge-no-secret-key">
            ONSET_SECRET_KEY is not set on the server, so a key cannot be stored (it is encrypted at rest with it). Endpoints that need no key still
            work.
          </p>
        )}
        {judge.hasApiKey && canEdit && (
          <button type="button" className={styles.secondary} onClick={() => save.mutate({ apiKey: null })}>
            Remove the stored key
          </button>
        )}
        <label>
          Price when the endpoint reports no cost: USD per million prompt tokens
          <input type="number" min="0" step="any" value={form.inputUsdPerMTok} onChange={set("inputUsdPerMTok")} disabled={!canEdit} />
        </label>
        <label>
          … and per million completion tokens
          <input type="number" min="0" step="any" value={form.outputUsdPerMTok} onChange={set("outputUsdPerMTok")} disabled={!canEdit} />
        </label>
        <label>
          Timeout (ms)
          <input type="number" min="1000" max="120000" value={form.timeoutMs} onChange={set("timeoutMs")} disabled={!canEdit} />
        </label>
        <label>
          Prompt budget (approximate tokens; fit it to the model&apos;s context)
          <input type="number" min="500" value={form.promptTokenBudget} onChange={set("promptTokenBudget")} disabled={!canEdit} />
        </label>
        {canEdit && (
          <button type="submit" disabled={save.isPending} data-testid="judge-save">
            {save.isPending ? "Saving…" : "Save"}
          </button>
        )}
        {save.isError && (
          <p role="alert" className="error">
            {save.error.message}
          </p>
        )}
        {save.isSuccess && <p className="small muted">Saved.</p>}
      </form>
    </section>
  );
}
