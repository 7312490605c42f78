/**
 * The verdict endpoints' work (issue 14 item 2): read, give or take back a run's verdict
 * and answer with the run's outcome as the analysis now sees it. Giving or taking one back
 * drops the cached analysis (packages/db run-verdicts.ts); reading the analysis right
 * after recomputes it with the verdict as analyzeRun's `outcome`, so the answer already
 * shows the verdict winning (and the run page's next read is a cache hit).
 */
import type { RunOutcome } from "@onset/analysis";
import { getRunAnalysis } from "@onset/analysis-service";
import { deleteRunVerdict, setRunVerdict, type OutcomeSource, type RunVerdict, type VerdictActor, type VerdictInput } from "@onset/db";
import { notFound } from "@/server/api-error";
import type { Principal } from "@/server/auth";
import { serverContext } from "@/server/context";

/** What every verdict call answers. */
export interface VerdictResponse {
  /** The run's current verdict, or null. */
  verdict: RunVerdict | null;
  /** The run's outcome as its analysis has it (the verdict's when there is one). */
  outcome: RunOutcome;
  /** Where `outcome` came from: "user" | "instrumentation" | "importer" | "inferred", or null when unknown. */
  outcomeSource: OutcomeSource | null;
  /** The failure onset's span after the change, or null. */
  onsetSpanId: string | null;
}

/** The run's verdict and outcome; 404 for a run the caller's project does not have. */
export async function readVerdict(projectId: string, traceId: string): Promise<VerdictResponse> {
  return currentState(projectId, traceId);
}

/** Stores the caller's verdict (replacing any), then answers with the re-analyzed outcome. */
export async function giveVerdict(principal: Principal, traceId: string, input: VerdictInput): Promise<VerdictResponse> {
  const stored = await setRunVerdict(serverContext().pool, principal.projectId, traceId, input, actorOf(principal));
  if (!stored) throw notFound(`run ${traceId}`);
  return currentState(principal.projectId, traceId);
}

/** Takes the run's verdict back (a no-op when it has none), then answers with the run's own outcome. */
export async function takeBackVerdict(projectId: string, traceId: string): Promise<VerdictResponse> {
  const removed = await deleteRunVerdict(serverContext().pool, projectId, traceId);
  if (removed === null) throw notFound(`run ${traceId}`);
  return currentState(projectId, traceId);
}

/** Who the stored verdict names: the session's user, or the key. */
function actorOf(principal: Principal): VerdictActor {
  return principal.kind === "session" ? { kind: "user", userId: principal.userId, email: principal.email } : { kind: "api_key", keyId: principal.keyId };
}

async function currentState(projectId: string, traceId: string): Promise<VerdictResponse> {
  const r = await getRunAnalysis(serverContext().pool, projectId, traceId);
  if (!r) throw notFound(`run ${traceId}`);
  return { verdict: r.verdict, outcome: r.analysis.outcome, outcomeSource: r.outcomeSource, onsetSpanId: r.analysis.onset?.spanId ?? null };
}
