/**
 * The onset banner's one or two plain sentences: what went wrong (the onset step, what
 * it did, quoting the error text) and what it spoiled (later steps, and how the run
 * ended, quoting its error). Plain data: the banner renders the quotes as code, as text.
 */
import type { Evidence, LoopFinding, RunAnalysis } from "@onset/analysis";
import type { PageStep } from "@/contracts/run";
import { evidenceWords } from "./evidence-kinds";

/** The banner's sentences, with the quoted texts apart so they can be set as code. */
export interface RunHeadline {
  /** "Step 6 by coder" (links to the onset span), or null when there is no onset. */
  subject: string | null;
  /** What went wrong, finishing the subject ("made a change after which …"), or the whole first sentence without an onset. */
  what: string;
  /** Error text quoted after `what`, or null. */
  whatQuote: string | null;
  /** What it spoiled and how the run ended ("It spoiled 2 later steps and the run failed"), or null. */
  spoiled: string | null;
  /** The run's own error text, quoted after `spoiled`. */
  spoiledQuote: string | null;
}

/** What the headline reads from the analysis. */
export type HeadlineInput = Pick<RunAnalysis, "onset" | "chain" | "outcome" | "loops">;

/** Quotes fetched from spans: the onset's main evidence span and the run's root. */
export interface HeadlineQuotes {
  evidence: string | null;
  run: string | null;
}

/** The evidence that says most: the heaviest piece that is not a note about a competing signal. */
export function mainEvidence(evidence: readonly Evidence[]): Evidence | null {
  let best: Evidence | null = null;
  for (const ev of evidence) if (ev.kind !== "conflict" && (best === null || ev.weight > best.weight)) best = ev;
  return best ?? evidence[0] ?? null;
}

function loopOf(loops: readonly LoopFinding[], ev: Evidence | null): LoopFinding | undefined {
  if (!ev) return undefined;
  return loops.find((l) => ev.spanIds.includes(l.onsetSpanId) || ev.spanIds.some((id) => l.spanIds.includes(id)));
}

const CHECK_KINDS = new Set(["failing-check", "verification-regression", "submit-with-error"]);

/**
 * The span whose text shows what went wrong, to quote: for a check that failed after the
 * onset, the first failing check at or after the onset step (the evidence names the
 * change, the check's output holds the assertion); else the evidence's span when it
 * failed itself; else the first failed action from the onset step on; else the
 * evidence's first span.
 */
export function quoteSpanId(a: Pick<RunAnalysis, "onset"> & { steps: readonly PageStep[] }, ev: Evidence | null): string | null {
  if (!a.onset) return null;
  const from = a.onset.stepIndex;
  const actions = a.steps.filter((s) => s.index >= from).flatMap((s) => s.actions);
  if (ev && CHECK_KINDS.has(ev.kind)) {
    const check = actions.find((x) => x.check?.outcome === "fail");
    if (check) return check.spanId;
  }
  const named = ev?.spanIds[0] ?? null;
  if (named && actions.some((x) => x.spanId === named && !x.ok)) return named;
  return actions.find((x) => !x.ok)?.spanId ?? named;
}

/** The banner's sentences. `stepName` is the onset step's short name ("Step 6"). */
export function runHeadline(a: HeadlineInput, quotes: HeadlineQuotes, stepName: string | null): RunHeadline {
  const failed = a.outcome.status === "failed";
  const runQuote = failed ? (quotes.run ?? a.outcome.reason) : null;
  if (!a.onset) {
    return {
      subject: null,
      what: failed ? "The run failed" : "Nothing went wrong that the analyzer could see",
      whatQuote: runQuote,
      spoiled: failed ? "No single step stood out as where it went wrong; the first errors in the tree are the place to start." : null,
      spoiledQuote: null,
    };
  }
  const ev = mainEvidence(a.onset.evidence);
  const loop = ev && (ev.kind === "loop-onset" || ev.kind === "repeated-action") ? loopOf(a.loops, ev) : undefined;
  const what = ev ? evidenceWords(ev.kind).clause : "is where the failure starts";
  const whatQuote = loop ? `${loop.signature} ×${loop.count}` : quotes.evidence;
  const later = a.chain.filter((c) => c.stepId !== a.onset!.stepId).length;
  const spoiledSteps = later > 0 ? `It spoiled ${later} later step${later === 1 ? "" : "s"}` : null;
  let spoiled: string;
  if (failed) spoiled = spoiledSteps ? `${spoiledSteps}, and the run failed` : "The run failed";
  else if (a.outcome.status === "succeeded") spoiled = spoiledSteps ? `${spoiledSteps}, though the run still succeeded.` : "The run still succeeded.";
  else spoiled = spoiledSteps ? `${spoiledSteps}; whether the run failed is not known.` : "Whether the run failed is not known.";
  return {
    subject: `${stepName ?? `Step ${a.onset.stepIndex + 1}`} by ${a.onset.agentName}`,
    what,
    whatQuote,
    spoiled,
    spoiledQuote: runQuote,
  };
}
