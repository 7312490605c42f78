"use client";
import { useUserProjects } from "./settings/use-current-project";
import { useSwitchProject } from "./use-switch-project";

/**
 * The top bar's current project and switcher, on every page: the projects the user is a
 * member of (no others are ever listed), with their role.
 */
export function ProjectSwitcher() {
  const list = useUserProjects();
  const select = useSwitchProject();
  if (!list.data || list.data.projects.length === 0) return null;
  return (
    <label className="project-switcher">
      <span className="muted small">Project</span>
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
    </label>
  );
}
