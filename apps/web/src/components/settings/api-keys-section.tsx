"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { KeyScope } from "@onset/db";
import type { KeyList, NewKey } from "@/contracts/keys";
import { apiGet, apiPost } from "@/lib/api-client";
import { formatTime } from "@/lib/format";
import styles from "./settings.module.css";
import { canAdminister, useUserProjects } from "./use-current-project";
import { QueryStatus, RELOAD_HINT } from "../query-status";
import { TableHead } from "../table-head";


/** The secret of a key just created, shown this once with a copy button and a warning. */
function SecretOnce({ created, onDone }: { created: NewKey; onDone: () => void }) {
  const [copied, setCopied] = useState<"" | "copied" | "select">("");
  return (
    <div className={`card ${styles.secretCard}`} role="status" data-testid="new-key-secret">
      <h2>Key “{created.name}” created</h2>
      <p className={styles.warning}>
        Copy the secret now: it is shown only this once. Onset keeps only a hash of it, so it cannot be shown again; if it is lost, revoke the
        key and create another.
      </p>
      <div className={styles.secretRow}>
        <input
          readOnly
          value={created.secret}
          aria-label="New API key secret"
          className={styles.secretInput}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="new-key-value"
        />
        <button
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(created.secret);
              setCopied("copied");
            } catch {
              setCopied("select"); // no clipboard access (http on a LAN address): let the user copy by hand
            }
          }}
        >
          {copied === "copied" ? "Copied" : "Copy"}
        </button>
      </div>
      {copied === "select" && <p className="small muted">The browser refused clipboard access: select the key above and copy it.</p>}
      <p className="small muted">
        Use it as <code>OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer {"<key>"}</code>, or as Basic auth with the public half{" "}
        <code>{created.publicKey}</code>.
      </p>
      <button className={styles.secondary} onClick={onDone}>
        I have stored it
      </button>
    </div>
  );
}

const SCOPE_CHOICES: { scope: KeyScope; help: string }[] = [
  { scope: "ingest", help: "send spans (OTLP) and upload runs" },
  { scope: "read", help: "read the JSON API" },
  { scope: "admin", help: "alert rules, verdicts, prices and keys" },
];

/** API keys: list (prefix, scopes, created, last used, revoked), create with scopes (secret shown once), revoke with confirmation. */
export function ApiKeysSection() {
  const qc = useQueryClient();
  const keys = useQuery({ queryKey: ["keys"], queryFn: () => apiGet<KeyList>("/keys") });
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<KeyScope[]>(["ingest"]);
  const admin = canAdminister(useUserProjects().data?.currentRole);
  const [created, setCreated] = useState<NewKey | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (keyName: string) => apiPost<{ key: NewKey }>("/keys", { name: keyName, scopes }),
    onSuccess: ({ key }) => {
      setCreated(key);
      setName("");
      setScopes(["ingest"]);
      void qc.invalidateQueries({ queryKey: ["keys"] });
      void qc.invalidateQueries({ queryKey: ["setup"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiPost<{ revoked: true }>(`/keys/${encodeURIComponent(id)}/revoke`),
    onSuccess: () => {
      setConfirming(null);
      void qc.invalidateQueries({ queryKey: ["keys"] });
      void qc.invalidateQueries({ queryKey: ["setup"] });
    },
  });

  return (
    <div data-testid="keys-section">
      <p className="muted">
        Keys let exporters send spans and scripts read the JSON API of this project (<code>Authorization: Bearer</code>, Basic, or{" "}
        <code>x-api-key</code>). A key does only what its scopes allow; new keys send spans only unless you tick more. Creating and revoking keys
        needs the admin role.
      </p>
      {!admin ? null : created ? (
        <SecretOnce created={created} onDone={() => setCreated(null)} />
      ) : (
        <form
          className={styles.inlineForm}
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) create.mutate(name.trim());
          }}
        >
          <input aria-label="New key name" placeholder="Key name, e.g. ci-agent" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          <fieldset className={styles.scopes}>
            <legend className="small muted">Scopes</legend>
            {SCOPE_CHOICES.map((c) => (
              <label key={c.scope} title={c.help}>
                <input
                  type="checkbox"
                  aria-label={`Scope ${c.scope}`}
                  checked={scopes.includes(c.scope)}
                  onChange={(e) => setScopes((s) => (e.target.checked ? [...s, c.scope] : s.filter((x) => x !== c.scope)))}
                />{" "}
                {c.scope} <span className="muted small">({c.help})</span>
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={!name.trim() || scopes.length === 0 || create.isPending}>
            {create.isPending ? "Creating…" : "Create key"}
          </button>
        </form>
      )}
      {create.isError && (
        <p role="alert" className="error">
          Could not create the key: {create.error.message}
        </p>
      )}
      {revoke.isError && (
        <p role="alert" className="error">
          Could not revoke the key: {revoke.error.message}. Reload the page and try again.
        </p>
      )}
      <QueryStatus query={keys} loading="Loading keys…" failed="Could not load keys" hint={RELOAD_HINT} />
      {keys.data && (
        <table data-testid="keys-table">
          <TableHead columns={["Name", "Key", "Scopes", "Created", "Last used", "Status", ""]} />
          <tbody>
            {keys.data.keys.map((k) => (
              <tr key={k.id} data-testid="key-row" data-key-name={k.name} className={k.revokedAt ? styles.revoked : undefined}>
                <td>{k.name}</td>
                <td>
                  <code>{k.prefix}…</code>
                  <div className="muted small">public: {k.publicKey}</div>
                </td>
                <td data-testid="key-scopes">
                  {k.scopes.map((s) => (
                    <span key={s} className="badge">
                      {s}
                    </span>
                  ))}
                </td>
                <td>{formatTime(k.createdAt)}</td>
                <td>{k.lastUsedAt ? formatTime(k.lastUsedAt) : <span className="muted">never</span>}</td>
                <td>
                  {k.revokedAt ? (
                    <span className="badge status-error">revoked {formatTime(k.revokedAt)}</span>
                  ) : (
                    <span className="badge status-ok">active</span>
                  )}
                </td>
                <td className={styles.actions}>
                  {admin &&
                    !k.revokedAt &&
                    (confirming === k.id ? (
                      <span className={styles.confirm} role="group" aria-label={`Confirm revoking ${k.name}`}>
                        <span className="small">Requests with this key will be refused.</span>
                        <button className={styles.danger} onClick={() => revoke.mutate(k.id)} disabled={revoke.isPending}>
                          {revoke.isPending ? "Revoking…" : "Revoke now"}
                        </button>
                        <button className={styles.secondary} onClick={() => setConfirming(null)}>
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button className={styles.secondary} onClick={() => setConfirming(k.id)} aria-label={`Revoke ${k.name}`}>
                        Revoke
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
