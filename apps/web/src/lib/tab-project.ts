/**
 * The project this browser tab shows: the `?project=` of its URL, remembered while the
 * tab moves between pages (a link without the parameter stays in the same project), so
 * every API call of the tab asks for that project rather than whatever another tab
 * last picked (the project cookie).
 */
import { PROJECT_PARAM } from "./project-url";

let remembered: string | null = null;

/** The tab's project: the URL's, else the last one seen in this tab, else null (the server's choice: the cookie). */
export function tabProject(): string | null {
  if (typeof window !== "undefined") {
    const inUrl = new URLSearchParams(window.location.search).get(PROJECT_PARAM);
    if (inUrl) remembered = inUrl;
  }
  return remembered;
}

/** Remembers the tab's project (from the URL, or the server's choice once known). */
export function rememberTabProject(project: string): void {
  remembered = project;
}
