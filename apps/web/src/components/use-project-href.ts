"use client";
import { useSearchParams } from "next/navigation";
import { PROJECT_PARAM, withProject } from "@/lib/project-url";
import { tabProject } from "@/lib/tab-project";

/** A function giving in-app links the page's project (`?project=`), so a link copied from any page opens the same project. */
export function useProjectHref(): (href: string) => string {
  const params = useSearchParams();
  const project = params.get(PROJECT_PARAM) ?? tabProject();
  return (href) => withProject(href, project);
}
