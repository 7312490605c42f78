import { Suspense } from "react";
import { preload } from "react-dom";
import { RunPage } from "@/components/run/run-page";
import { runOutlinePath } from "@/lib/run-outline-path";
import { PROJECT_PARAM } from "@/lib/project-url";

/**
 * The run page: /runs/{traceId}?tab=tree|dag|cost&span={spanId}&filter={dagNodeId}. When
 * the address names its project (as the app's links do), the HTML asks the browser to
 * fetch the run's outline at once, while the page's scripts load: the page's own request
 * for the same URL then takes that answer.
 */
export default async function RunRoute({
  params,
  searchParams,
}: {
  params: Promise<{ traceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const traceId = (await params).traceId.toLowerCase();
  const project = (await searchParams)[PROJECT_PARAM];
  if (typeof project === "string" && project) {
    preload(`/api/v1${runOutlinePath(traceId)}?${new URLSearchParams({ [PROJECT_PARAM]: project })}`, { as: "fetch", crossOrigin: "anonymous" });
  }
  return (
    <Suspense fallback={<p className="muted">Loading the run…</p>}>
      <RunPage traceId={traceId} />
    </Suspense>
  );
}
