"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { apiPost } from "@/lib/api-client";
import { pathAfterSwitch, withProject } from "@/lib/project-url";
import { rememberTabProject } from "@/lib/tab-project";

/**
 * Switching to another of the user's projects: remembers it (the project cookie, for
 * links without a project), opens the same page in that project (the runs list from a
 * run: a run belongs to one project) and drops every cached answer, since each belonged
 * to the previous project.
 */
export function useSwitchProject() {
  const qc = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  return useMutation({
    mutationFn: (id: string) => apiPost<{ project: { id: string; slug: string } }>(`/projects/${encodeURIComponent(id)}/select`),
    onSuccess: ({ project }) => {
      rememberTabProject(project.slug);
      router.push(withProject(pathAfterSwitch(pathname), project.slug));
      void qc.resetQueries();
    },
  });
}
