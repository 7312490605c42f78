"use client";
import { useEffect, useState, type FormEvent } from "react";

/** What the link offers, as POST /api/auth/invite/preview answers. */
interface Preview {
  projectName: string;
  role: string;
  expiresAt: string;
  loggedInAs: string | null;
}

type Account = "new" | "existing";

/** POSTs JSON to an /api/auth/invite endpoint; returns the body or throws its error message. */
async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`/api/auth/invite/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  }).catch(() => null);
  const json = res ? await res.json().catch(() => null) : null;
  if (!res?.ok) throw new Error(json?.error?.message ?? "could not reach Onset; is it running?");
  return json as T;
}

/**
 * Reads the token from the URL's fragment (never sent to the server by the browser),
 * shows the project and role, and joins: with a new account, an existing one, or as the
 * user already logged in here.
 */
export function InviteForm() {
  const [token, setToken] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [account, setAccount] = useState<Account>("new");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const t = decodeURIComponent(window.location.hash.replace(/^#/, ""));
    if (!t) {
      setError("this page needs the whole invite link, including the part after #");
      return;
    }
    setToken(t);
    post<Preview>("preview", { token: t }).then(setPreview, (e: Error) => setError(e.message));
  }, []);

  async function join(body: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    try {
      await post("accept", { token, ...body });
      window.location.href = "/runs";
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    void join({ account, email: form.get("email"), password: form.get("password") });
  }

  if (!preview) {
    return error ? (
      <p role="alert" className="error">
        {error}
      </p>
    ) : (
      <p className="muted">Checking the invite link…</p>
    );
  }
  return (
    <div data-testid="invite">
      <p>
        You are invited to the project <strong>{preview.projectName}</strong> as <strong>{preview.role}</strong>.{" "}
        <span className="muted small">The link works once, until {new Date(preview.expiresAt).toLocaleString()}.</span>
      </p>
      {preview.loggedInAs && (
        <p>
          <button onClick={() => void join({ account: "session" })} disabled={busy}>
            Join as {preview.loggedInAs}
          </button>
        </p>
      )}
      <div role="radiogroup" aria-label="Account" className="invite-choice">
        <label>
          <input type="radio" name="account" checked={account === "new"} onChange={() => setAccount("new")} /> Create an account
        </label>
        <label>
          <input type="radio" name="account" checked={account === "existing"} onChange={() => setAccount("existing")} /> I have an account
        </label>
      </div>
      <form onSubmit={submit} className="card form">
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password{account === "new" && <span className="muted small"> (at least 10 characters)</span>}
          <input name="password" type="password" autoComplete={account === "new" ? "new-password" : "current-password"} minLength={account === "new" ? 10 : 1} required />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? "Joining…" : account === "new" ? "Create account and join" : "Log in and join"}
        </button>
      </form>
    </div>
  );
}
