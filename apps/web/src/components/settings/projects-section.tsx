"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiPost } from "@/lib/api-client";
import { formatTime } from "@/lib/format";
import styles from "./settings.module.css";
import type { ResponseOf } from "@/contracts/endpoint";
import type { createProjectEndpoint } from "@/contracts/projects";
import { useUserProjects } from "./use-current-project";
import { useSwitchProject } from "../use-switch-project";
import { TableHead } from "../table-head";


/** Projects: the ones you are a member of, which one these pages show, switching, creating one (you own what you create). */
export function ProjectsSection() {
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const list = useUserProjects();
  const select = useSwitchProject();
  const create = useMutation({
    mutationFn: (n: string) => apiPost<ResponseOf<typeof createProjectEndpoint>>("/projects", { name: n }),
    onSuccess: () => {
      setName("");
      void qc.invalidateQueries({ queryKey: ["projects"] });
    },
  });

  return (
    <div data-testid="projects-section">
      <p className="muted">
        A project holds its own runs, API keys, price overrides, alerts and members. Data sent with a key lands in that key&apos;s project; these
        pages show the project selected here. Only the projects you are a member of are listed; a project you create is yours (owner).
      </p>
      <form
        className={styles.inlineForm}
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) create.mutate(name.trim());
        }}
      >
        <input aria-label="New project name" placeholder="Project name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={!name.trim() || create.isPending}>
          Create project
        </button>
      </form>
      {create.isError && <p role="alert" className="error">Could not create the project: {create.error.message}</p>}
      {select.isError && <p role="alert" className="error">Could not switch: {select.error.message}</p>}
      {list.isError && <p role="alert" className="error">Could not load projects: {list.error.message}</p>}
      {list.data && (
        <table data-testid="projects-table">
          <TableHead columns={["Project", "Slug", "Your role", "Created", ""]} />
          <tbody>
            {list.data.projects.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>
                  <code>{p.slug}</code>
                </td>
                <td>{p.role}</td>
                <td>{formatTime(p.createdAt)}</td>
                <td>
                  {p.id === list.data.currentProjectId ? (
                    <span className="badge status-ok">current</span>
                  ) : (
                    <button className={styles.secondary} onClick={() => select.mutate(p.id)} disabled={select.isPending}>
                      Switch to it
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
