"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Role } from "@onset/db";
import type { Invite, MembersView } from "@/contracts/members";
import { apiDelete, apiGet, apiPatch, apiPost } from "@/lib/api-client";
import { formatTime } from "@/lib/format";
import styles from "./settings.module.css";
import { QueryStatus } from "../query-status";
import { TableHead } from "../table-head";


const ROLE_CHOICES: Role[] = ["owner", "admin", "member", "viewer"];
const ROLE_HELP: Record<Role, string> = {
  owner: "everything, including owners",
  admin: "settings, keys, prices and members",
  member: "read, verdicts and alert rules",
  viewer: "read only",
};

/** The invite link just made, shown once with a copy button. */
function InviteLink({ url, role, onDone }: { url: string; role: Role; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className={`card ${styles.secretCard}`} role="status" data-testid="invite-link">
      <h2>Invite link for a new {role}</h2>
      <p className={styles.warning}>
        Send this link to the person you invite (chat, mail, anything). It works once, and it is shown only now: Onset keeps only a hash of it.
      </p>
      <div className={styles.secretRow}>
        <input readOnly value={url} aria-label="Invite link" className={styles.secretInput} onFocus={(e) => e.currentTarget.select()} data-testid="invite-url" />
        <button
          onClick={async () => {
            await navigator.clipboard.writeText(url).then(() => setCopied(true), () => setCopied(false));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <button className={styles.secondary} onClick={onDone}>
        Done
      </button>
    </div>
  );
}

/** Members: who is in this project with which role; admins invite (a link), change roles and remove people. */
export function MembersSection() {
  const qc = useQueryClient();
  const view = useQuery({ queryKey: ["members"], queryFn: () => apiGet<MembersView>("/members") });
  const [role, setRole] = useState<Role>("member");
  const [link, setLink] = useState<{ url: string; role: Role } | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: ["members"] });
  const invite = useMutation({
    mutationFn: (r: Role) => apiPost<{ url: string; invite: Invite }>("/members/invites", { role: r }),
    onSuccess: (res) => {
      setLink({ url: res.url, role: res.invite.role });
      refresh();
    },
  });
  const changeRole = useMutation({
    mutationFn: (v: { userId: string; role: Role }) => apiPatch(`/members/${encodeURIComponent(v.userId)}`, { role: v.role }),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (userId: string) => apiDelete(`/members/${encodeURIComponent(userId)}`), onSuccess: refresh });
  const cancel = useMutation({ mutationFn: (id: string) => apiDelete(`/members/invites/${encodeURIComponent(id)}`), onSuccess: refresh });
  const you = view.data?.you;
  const owners = view.data?.members.filter((m) => m.role === "owner").length ?? 0;
  const error = invite.error ?? changeRole.error ?? remove.error ?? cancel.error;
  // Owners alone grant or touch the owner role (the server says so too).
  const choices = (target: Role) => ROLE_CHOICES.filter((r) => you?.role === "owner" || (r !== "owner" && target !== "owner"));

  return (
    <div data-testid="members-section">
      <p className="muted">
        Roles: owner ({ROLE_HELP.owner}), admin ({ROLE_HELP.admin}), member ({ROLE_HELP.member}), viewer ({ROLE_HELP.viewer}). People who are not members do
        not see this project at all.
      </p>
      {you?.canManage &&
        (link ? (
          <InviteLink url={link.url} role={link.role} onDone={() => setLink(null)} />
        ) : (
          <form
            className={styles.inlineForm}
            onSubmit={(e) => {
              e.preventDefault();
              invite.mutate(role);
            }}
          >
            <label>
              Invite as{" "}
              <select aria-label="Invite role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLE_CHOICES.filter((r) => r !== "owner" || you.role === "owner").map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={invite.isPending}>
              {invite.isPending ? "Making link…" : "Create invite link"}
            </button>
          </form>
        ))}
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      <QueryStatus query={view} loading="Loading members…" failed="Could not load members" />
      {view.data && (
        <table data-testid="members-table">
          <TableHead columns={["Email", "Role", "Since", ""]} />
          <tbody>
            {view.data.members.map((m) => (
              <tr key={m.userId} data-testid="member-row" data-email={m.email}>
                <td>
                  {m.email}
                  {m.userId === you?.userId && <span className="muted small"> (you)</span>}
                </td>
                <td>
                  {you?.canManage && choices(m.role).includes(m.role) ? (
                    <select
                      aria-label={`Role of ${m.email}`}
                      value={m.role}
                      disabled={changeRole.isPending}
                      onChange={(e) => changeRole.mutate({ userId: m.userId, role: e.target.value as Role })}
                    >
                      {choices(m.role).map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span className="badge">{m.role}</span>
                  )}
                </td>
                <td>{formatTime(m.createdAt)}</td>
                <td className={styles.actions}>
                  {you?.canManage && (m.role !== "owner" || (you.role === "owner" && owners > 1)) && (
                    <button className={styles.secondary} onClick={() => remove.mutate(m.userId)} disabled={remove.isPending} aria-label={`Remove ${m.email}`}>
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.data && view.data.invites.length > 0 && (
        <>
          <h2>Pending invites</h2>
          <table data-testid="invites-table">
            <TableHead columns={["Role", "Made", "Expires", ""]} />
            <tbody>
              {view.data.invites.map((i) => (
                <tr key={i.id} data-testid="invite-row">
                  <td>{i.role}</td>
                  <td>{formatTime(i.createdAt)}</td>
                  <td>{formatTime(i.expiresAt)}</td>
                  <td className={styles.actions}>
                    <button className={styles.secondary} onClick={() => cancel.mutate(i.id)} disabled={cancel.isPending}>
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
