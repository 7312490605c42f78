"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPost } from "@/lib/api-client";
import { useUserProjects } from "./settings/use-current-project";

/**
 * The top bar's project switcher: the projects the user is a member of (no others are
 * ever listed), with their role; picking one sets the project cookie and reloads every
 * cached answer, since each belonged to the previous project.
 */
export function ProjectSwitcher() {
  const qc = useQueryClient();
  const list = useUserProjects();
  const select = useMutation({
    mutationFn: (id: string) => apiPost(`/projects/${encodeURIComponent(id)}/select`),
    onSuccess: () => qc.resetQueries(),
  });
  if (!list.data || list.data.projects.length === 0) return null;
  return (
    <select
      aria-label="Project"
      data-testid="project-switcher"
      value={list.data.currentProjectId ?? ""}
      disabled={select.isPending}
      onChange={(e) => select.mutate(e.target.value)}
    >
      {list.data.projects.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name} ({p.role})
        </option>
      ))}
    </select>
  );
}
