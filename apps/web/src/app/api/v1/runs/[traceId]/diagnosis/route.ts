import { diagnosisPart, getRunDiagnosis } from "@onset/analysis-service";
import { diagnosisEndpoint, DiagnosisResponseSchema } from "@/contracts/run";
import { ApiError, notFound } from "@/server/api-error";
import { serverContext } from "@/server/context";
import { apiRoute } from "@/server/route";
import { timed } from "@/server/server-timing";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/runs/{traceId}/diagnosis: what the run page draws of the run's analysis
 * (onset, chain, loops, labels, the DAG, the verdict, and each step and stage trimmed to
 * what the page reads: `PageStep`, `PageStage`): `/analysis` without the span tree and
 * facts (`/outline` serves them) and the cost breakdown (`/breakdown`), as `diagnosisPart`
 * makes it. Computed and cached like `/analysis`, but in a thread of its own. A cached analysis'
 * part, stored as JSON text with it, is sent on as it is (the web process does not parse
 * it); one computed now is validated here before it is sent.
 */
export const GET = apiRoute(
  async ({ principal, params: { traceId } }) => {
    // On a miss the run is analyzed in the store thread, so this process keeps answering (the clicked span's read) meanwhile.
    const d = await getRunDiagnosis(serverContext().pool, principal.projectId, traceId, { time: timed, databaseUrl: process.env.DATABASE_URL });
    if (!d) throw notFound(`run ${traceId}`);
    if ("json" in d) {
      const head = JSON.stringify({ run: d.run, verdict: d.verdict, outcomeSource: d.outcomeSource, cached: d.cached });
      // Both are JSON objects: the stored part's members follow the request's own.
      return new Response(`${head.slice(0, -1)},${d.json.slice(1)}`, { headers: { "content-type": "application/json" } });
    }
    const { view } = d;
    const body = await timed("validate", () =>
      DiagnosisResponseSchema.safeParse({
        ...diagnosisPart(view.analysis),
        verdict: view.verdict,
        outcomeSource: view.outcomeSource,
        run: view.run,
        cached: view.cached,
      }),
    );
    // A result that fails its own schema is the analyzer's bug, not the caller's: 500, not 400.
    if (!body.success) {
      const where = body.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new ApiError(500, "invalid_analysis", `the analysis of run ${traceId} does not match its schema (${where}); retry /analysis?refresh=true`);
    }
    return body.data;
  },
  { contract: diagnosisEndpoint },
);
