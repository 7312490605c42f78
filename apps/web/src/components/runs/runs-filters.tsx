"use client";
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import {
  ADVANCED_KEYS,
  TIME_PRESETS,
  cleanNumber,
  countActive,
  fromLocalInput,
  matchPreset,
  msToSeconds,
  presetFrom,
  secondsToMs,
  toLocalInput,
  type RunFilterValues,
  type TimePreset,
} from "@/lib/run-list-filters";
import type { RunFilterKey } from "@/contracts/runs";

const noSubscribe = () => () => {};

/**
 * False in the server's HTML and until the page has hydrated, true after: a control
 * changed before its handler exists would look chosen while nothing applied it, so the
 * filters stay disabled until they work (an instant on a warm page).
 */
function useHydrated(): boolean {
  return useSyncExternalStore(noSubscribe, () => true, () => false);
}

/** What the typed fields hold (inputs show seconds and local times). */
type Draft = Record<Exclude<RunFilterKey, "status" | "sort" | "order" | "hasOnset" | "hasLoops">, string>;

function draftOf(v: RunFilterValues): Draft {
  return {
    q: v.q ?? "",
    from: toLocalInput(v.from),
    to: toLocalInput(v.to),
    model: v.model ?? "",
    service: v.service ?? "",
    session: v.session ?? "",
    user: v.user ?? "",
    task: v.task ?? "",
    minCost: v.minCost ?? "",
    maxCost: v.maxCost ?? "",
    minTokens: v.minTokens ?? "",
    maxTokens: v.maxTokens ?? "",
    minDurationMs: msToSeconds(v.minDurationMs),
    maxDurationMs: msToSeconds(v.maxDurationMs),
  };
}

const text = (s: string) => (s.trim() === "" ? undefined : s.trim());

/** How long typing pauses before a typed filter applies. */
const TYPING_PAUSE_MS = 400;

/**
 * Filter controls of the runs list; every value lives in the URL and every change
 * applies at once — selects on change, typed fields when typing pauses (or on Enter) —
 * so there is no Apply button to suggest otherwise.
 */
export function RunsFilters({ values, onChange }: { values: RunFilterValues; onChange: (next: RunFilterValues) => void }) {
  const hydrated = useHydrated();
  const [draft, setDraft] = useState<Draft>(() => draftOf(values));
  // Typed since the last apply: only the user's edits are applied (a URL round trip through the inputs would round its times).
  const dirty = useRef(false);
  const key = JSON.stringify(values);
  // The URL changed (back button, a pasted link): show what it says.
  useEffect(() => {
    dirty.current = false;
    setDraft(draftOf(JSON.parse(key) as RunFilterValues));
  }, [key]);
  const advanced = countActive(values, ADVANCED_KEYS);
  const [open, setOpen] = useState(advanced > 0);
  const preset = matchPreset(values, Date.now());
  const field = (k: keyof Draft) => ({
    value: draft[k],
    onChange: (e: { target: { value: string } }) => {
      dirty.current = true;
      setDraft((d) => ({ ...d, [k]: e.target.value }));
    },
  });

  const applyDraft = () => {
    if (!dirty.current) return;
    dirty.current = false;
    onChange({
      q: text(draft.q),
      from: fromLocalInput(draft.from),
      to: fromLocalInput(draft.to),
      model: text(draft.model),
      service: text(draft.service),
      session: text(draft.session),
      user: text(draft.user),
      task: text(draft.task),
      minCost: cleanNumber(draft.minCost),
      maxCost: cleanNumber(draft.maxCost),
      minTokens: cleanNumber(draft.minTokens),
      maxTokens: cleanNumber(draft.maxTokens),
      minDurationMs: secondsToMs(draft.minDurationMs),
      maxDurationMs: secondsToMs(draft.maxDurationMs),
    });
  };
  const latest = useRef(applyDraft);
  latest.current = applyDraft;
  useEffect(() => {
    const t = window.setTimeout(() => latest.current(), TYPING_PAUSE_MS);
    return () => window.clearTimeout(t);
  }, [draft]);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    applyDraft();
  };
  const diagnosis = values.hasOnset === "true" ? "onset" : values.hasLoops === "true" ? "loops" : "";

  return (
    <form className="filters runs-filters" onSubmit={apply} data-testid="runs-filters">
      <input aria-label="Search run names" placeholder="Search names" disabled={!hydrated} {...field("q")} />
      <select disabled={!hydrated} aria-label="Status" value={values.status ?? ""} onChange={(e) => onChange({ status: e.target.value || undefined })}>
        <option value="">Any status</option>
        <option value="ok">ok</option>
        <option value="error">error</option>
        <option value="unset">running</option>
      </select>
      <select
        disabled={!hydrated}
        aria-label="Time range"
        value={preset ?? (values.from || values.to ? "custom" : "")}
        onChange={(e) => {
          const v = e.target.value;
          if (v === "custom") return setOpen(true);
          onChange({ from: v ? presetFrom(v as TimePreset, Date.now()) : undefined, to: undefined });
        }}
      >
        <option value="">Any time</option>
        {(Object.keys(TIME_PRESETS) as TimePreset[]).map((p) => (
          <option key={p} value={p}>
            Last {p}
          </option>
        ))}
        <option value="custom">Custom…</option>
      </select>
      <select
        disabled={!hydrated}
        aria-label="Diagnosis"
        value={diagnosis}
        onChange={(e) => onChange({ hasOnset: e.target.value === "onset" ? "true" : undefined, hasLoops: e.target.value === "loops" ? "true" : undefined })}
      >
        <option value="">Any diagnosis</option>
        <option value="onset">With a failure onset</option>
        <option value="loops">With loops</option>
      </select>
      <select disabled={!hydrated} aria-label="Sort" value={values.sort ?? ""} onChange={(e) => onChange({ sort: e.target.value || undefined })}>
        <option value="">Newest</option>
        <option value="costUsd">Cost</option>
        <option value="durationMs">Duration</option>
        <option value="tokens">Tokens</option>
        <option value="errorCount">Errors</option>
      </select>
      <select disabled={!hydrated} aria-label="Order" value={values.order ?? "desc"} onChange={(e) => onChange({ order: e.target.value === "asc" ? "asc" : undefined })}>
        <option value="desc">High → low</option>
        <option value="asc">Low → high</option>
      </select>
      <button type="button" className="link-button" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        {open ? "Fewer filters" : `More filters${advanced > 0 ? ` (${advanced})` : ""}`}
      </button>
      {/* Enter applies at once; no visible Apply button (changes apply as they are made). */}
      <button type="submit" hidden />
      {Object.keys(values).length > 0 && (
        <button type="button" className="link-button" onClick={() => onChange(Object.fromEntries(Object.keys(values).map((k) => [k, undefined])))}>
          Clear all
        </button>
      )}
      {open && (
        <fieldset className="runs-filters-more" data-testid="runs-filters-more">
          <label>
            From <input type="datetime-local" {...field("from")} />
          </label>
          <label>
            To <input type="datetime-local" {...field("to")} />
          </label>
          <label>
            Model <input placeholder="gpt-4o" {...field("model")} />
          </label>
          <label>
            Service / agent <input placeholder="service.name" {...field("service")} />
          </label>
          <label>
            Session <input {...field("session")} />
          </label>
          <label>
            User <input {...field("user")} />
          </label>
          <label>
            Task <input {...field("task")} />
          </label>
          <label>
            Cost $ <Range min={field("minCost")} max={field("maxCost")} step="0.0001" />
          </label>
          <label>
            Tokens <Range min={field("minTokens")} max={field("maxTokens")} step="1" />
          </label>
          <label>
            Duration s <Range min={field("minDurationMs")} max={field("maxDurationMs")} step="0.1" />
          </label>
        </fieldset>
      )}
    </form>
  );
}

type Bound = { value: string; onChange: (e: { target: { value: string } }) => void };

function Range({ min, max, step }: { min: Bound; max: Bound; step: string }) {
  return (
    <span className="runs-filters-range">
      <input type="number" min="0" step={step} placeholder="min" aria-label="minimum" {...min} />
      –
      <input type="number" min="0" step={step} placeholder="max" aria-label="maximum" {...max} />
    </span>
  );
}
