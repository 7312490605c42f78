"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { PriceList, UnpricedModel } from "@/contracts/prices";
import { apiDelete, apiGet } from "@/lib/api-client";
import { formatTime, formatTokens } from "@/lib/format";
import { PriceOverrideForm } from "./price-override-form";
import styles from "./settings.module.css";
import { num, TableHead } from "../table-head";


/** USD per million tokens, or a dash. */
function perM(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  return `$${v < 0.1 ? v.toFixed(4).replace(/0+$/, "").replace(/\.$/, ".0") : v.toFixed(2)}`;
}

/** Price table: the project's overrides, adding and deleting them, unpriced models, and a search of every price. */
export function PricesSection() {
  const qc = useQueryClient();
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [prefill, setPrefill] = useState<{ model: string; n: number } | null>(null);
  const all = useQuery({ queryKey: ["prices", ""], queryFn: () => apiGet<PriceList>("/prices") });
  const found = useQuery({ queryKey: ["prices", q], queryFn: () => apiGet<PriceList>("/prices", { q }), enabled: q !== "" });
  const unpriced = useQuery({ queryKey: ["prices-unpriced"], queryFn: () => apiGet<{ models: UnpricedModel[] }>("/prices/unpriced") });
  const remove = useMutation({
    mutationFn: (id: string) => apiDelete(`/prices/${encodeURIComponent(id)}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["prices"] }),
  });
  const overrides = all.data?.prices.filter((p) => p.projectId !== null) ?? [];
  const listed = q ? found.data?.prices : all.data?.prices.filter((p) => p.projectId === null).slice(0, 50);

  return (
    <div data-testid="prices-section" className={styles.stack}>
      <p className="muted">
        Costs are computed at ingest from these prices (USD per million tokens) unless a span reports its own cost. An override of this project wins
        over the bundled table for spans received from now on (the collector reloads prices every 30 s); spans already stored keep their cost.
      </p>

      <div className={styles.twoCols}>
        <div className="card">
          <h2>Add an override</h2>
          <PriceOverrideForm
            key={prefill?.n ?? 0}
            initialModel={prefill?.model ?? ""}
            onSaved={() => {
              void qc.invalidateQueries({ queryKey: ["prices"] });
              void qc.invalidateQueries({ queryKey: ["prices-unpriced"] });
            }}
          />
        </div>
        <div className="card" data-testid="unpriced-models">
          <h2>Models without a price</h2>
          {unpriced.isPending && <p className="muted">Loading…</p>}
          {unpriced.isError && <p className="error">Could not load unpriced models: {unpriced.error.message}</p>}
          {unpriced.data?.models.length === 0 && <p className="muted">Every model this project used has a price.</p>}
          {unpriced.data && unpriced.data.models.length > 0 && (
            <>
              <p className="small muted">These spans had tokens but no price, so their cost is unknown (not $0).</p>
              <table>
                <TableHead columns={["Model", num("Spans"), num("Tokens in/out"), ""]} />
                <tbody>
                  {unpriced.data.models.map((m) => (
                    <tr key={m.model}>
                      <td>
                        {m.model}
                        <div className="muted small">last {formatTime(m.lastSeen)}</div>
                      </td>
                      <td className={styles.num}>{m.spans}</td>
                      <td className={styles.num}>
                        {formatTokens(m.inputTokens)} / {formatTokens(m.outputTokens)}
                      </td>
                      <td>
                        <button className={styles.secondary} onClick={() => setPrefill({ model: m.model, n: (prefill?.n ?? 0) + 1 })}>
                          Set price
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      </div>

      <div className="card">
        <h2>This project&apos;s overrides</h2>
        {all.isError && <p className="error">Could not load prices: {all.error.message}. Check that Onset is running, then reload.</p>}
        {remove.isError && <p role="alert" className="error">Could not delete the override: {remove.error.message}</p>}
        {all.data && overrides.length === 0 && <p className="muted">No override yet: every model is priced from the bundled table.</p>}
        {overrides.length > 0 && (
          <table data-testid="overrides-table">
            <TableHead columns={["Model", "Pattern", num("Input"), num("Output"), num("Cache read"), num("Cache write"), "Effective from", ""]} />
            <tbody>
              {overrides.map((p) => (
                <tr key={p.id} data-testid="override-row">
                  <td>
                    {p.modelName}
                    {p.provider && <span className="muted small"> {p.provider}</span>}
                  </td>
                  <td>
                    <code>{p.modelPattern}</code>
                  </td>
                  <td className={styles.num}>{perM(p.inputPerMtok)}</td>
                  <td className={styles.num}>{perM(p.outputPerMtok)}</td>
                  <td className={styles.num}>{perM(p.cacheReadPerMtok)}</td>
                  <td className={styles.num}>{perM(p.cacheWritePerMtok)}</td>
                  <td>{new Date(p.effectiveFrom).getTime() <= 0 ? <span className="muted">always</span> : formatTime(p.effectiveFrom)}</td>
                  <td>
                    <button className={styles.secondary} onClick={() => remove.mutate(p.id)} disabled={remove.isPending} aria-label={`Delete override ${p.modelName}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>

      <div className="card">
        <h2>Price table</h2>
        <form
          className={styles.inlineForm}
          onSubmit={(e) => {
            e.preventDefault();
            setQ(search.trim());
          }}
        >
          <input aria-label="Search prices" placeholder="Search models, e.g. sonnet" value={search} onChange={(e) => setSearch(e.target.value)} />
          <button type="submit">Search</button>
          {q && (
            <button
              type="button"
              className={styles.secondary}
              onClick={() => {
                setSearch("");
                setQ("");
              }}
            >
              Clear
            </button>
          )}
        </form>
        {!q && <p className="small muted">The first 50 bundled prices; search to find a model.</p>}
        {found.isPending && q && <p className="muted">Searching…</p>}
        {listed && listed.length === 0 && <p className="muted">No price matches “{q}”.</p>}
        {listed && listed.length > 0 && (
          <div className={styles.scrollBox}>
            <table data-testid="prices-table">
              <TableHead columns={["Model", "Provider", num("Input"), num("Output"), num("Cache read"), num("Cache write"), "Source"]} />
              <tbody>
                {listed.map((p) => (
                  <tr key={p.id}>
                    <td>
                      {p.modelName}
                      <div className="muted small">
                        <code>{p.modelPattern}</code>
                      </div>
                    </td>
                    <td>{p.provider ?? "—"}</td>
                    <td className={styles.num}>{perM(p.inputPerMtok)}</td>
                    <td className={styles.num}>{perM(p.outputPerMtok)}</td>
                    <td className={styles.num}>{perM(p.cacheReadPerMtok)}</td>
                    <td className={styles.num}>{perM(p.cacheWritePerMtok)}</td>
                    <td className={styles.nowrap}>{p.projectId ? <span className="badge">override</span> : <span className="muted small">{p.source}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
