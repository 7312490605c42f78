"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { PROJECT_PARAM, withProject } from "@/lib/project-url";
import { rememberTabProject, tabProject } from "@/lib/tab-project";
import { useUserProjects } from "./settings/use-current-project";

/**
 * Keeps the project in the address bar: a page opened without `?project=` gets the
 * tab's project (or, on a first visit, the one the server picked) added in place, so
 * any URL copied from the app opens the same project for another member. Says so when
 * the URL names a project the user is not a member of.
 */
export function ProjectUrlSync() {
  const params = useSearchParams();
  const qc = useQueryClient();
  const projects = useUserProjects();
  const inUrl = params.get(PROJECT_PARAM);
  const seen = useRef<string | null>(inUrl);
  const current = projects.data?.projects.find((p) => p.id === projects.data?.currentProjectId);

  useEffect(() => {
    if (inUrl) {
      // A link into another project (from an alert, say): answers cached for the previous one are stale.
      if (seen.current && seen.current !== inUrl) void qc.resetQueries();
      seen.current = inUrl;
      rememberTabProject(inUrl);
      return;
    }
    const project = tabProject() ?? current?.slug ?? null;
    if (!project) return;
    rememberTabProject(project);
    // The address as it is now (not as this render saw it: a filter chosen meanwhile is
    // kept), through the History API, which Next's router follows without a server round
    // trip (state null: Next keeps its own, and useSearchParams sees the project).
    const { pathname, search, hash } = window.location;
    if (new URLSearchParams(search).has(PROJECT_PARAM)) return;
    window.history.replaceState(null, "", withProject(`${pathname}${search}${hash}`, project));
  }, [inUrl, params, current?.slug, qc]);

  if (!projects.data?.unknownProject) return null;
  return (
    <p role="alert" className="error page-alert" data-testid="unknown-project">
      This link is for the project “{projects.data.unknownProject}”, which does not exist or which you are not a member of. Ask its admin for an
      invite, or pick one of your projects above.
    </p>
  );
}
