/**
 * Plain words for the analyzer's evidence kinds (docs/spec/failure-onset.md signals):
 * what each means, for the tooltip on its chip, and the short clause the onset banner
 * uses to say what went wrong. Also what "confidence" means.
 */
import type { EvidenceKind } from "@onset/analysis";

/** One evidence kind in plain words. */
export interface EvidenceWords {
  /** Chip label. */
  label: string;
  /** Tooltip: what the analyzer saw. */
  explain: string;
  /** Clause finishing "Step N …": what the step did wrong. */
  clause: string;
}

/** Every evidence kind, in plain words. */
export const EVIDENCE_WORDS: Record<EvidenceKind, EvidenceWords> = {
  "first-error": { label: "first error", explain: "The first tool call or decision in the run that failed.", clause: "hit the run's first error" },
  "unresolved-error": { label: "unresolved error", explain: "An error the agent never fixed before the run ended.", clause: "hit an error that was never resolved" },
  "recovered-error": { label: "recovered error", explain: "An error the agent got past later; it counts little.", clause: "hit an error the agent later recovered from" },
  "consumed-error": { label: "acted on an error", explain: "A later step read this error's output and acted on it.", clause: "produced an error that later steps acted on" },
  "verification-regression": { label: "check regressed", explain: "A check (tests, build, lint) that passed before this change failed after it.", clause: "broke a check that passed before" },
  "failing-check": { label: "failing check", explain: "A check run after this change failed and did not pass again.", clause: "made a change after which the check failed and never passed again" },
  "reverted-change": { label: "reverted change", explain: "The agent later undid this change (revert, checkout, undo).", clause: "made a change the agent later reverted" },
  "rewritten-change": { label: "rewritten change", explain: "The agent later rewrote the same lines again.", clause: "made a change the agent later had to rewrite" },
  "blind-change": { label: "blind change", explain: "Changed a file without reading or searching it first.", clause: "changed a file it had not read" },
  "unverified-change": { label: "unverified change", explain: "A change no later check exercised.", clause: "made a change nothing verified" },
  "first-change": { label: "first change", explain: "The run's first change to its workspace; weak on its own.", clause: "made the run's first change" },
  "submit-with-error": { label: "submitted failing", explain: "Answered or submitted while a check was still failing.", clause: "submitted while a check was still failing" },
  "submit-unverified": { label: "submitted unverified", explain: "Answered or submitted without running any check after changing things.", clause: "submitted without checking its changes" },
  "repeated-action": { label: "repeated action", explain: "The same call with the same arguments again, with nothing changed in between.", clause: "repeated an action without progress" },
  "loop-onset": { label: "loop starts", explain: "The first repeat of a loop the run never left: where the waste starts.", clause: "started a loop the run never left" },
  "redundant-exploration": { label: "redundant exploration", explain: "Looked again at what it had already seen, with the same result.", clause: "re-explored what it had already seen" },
  "ungrounded-claim": { label: "ungrounded claim", explain: "Stated something no tool output in the run supports.", clause: "claimed something no tool output supports" },
  "carried-claim": { label: "carried claim", explain: "Built on an earlier ungrounded claim.", clause: "built on an earlier ungrounded claim" },
  "contradicted-observation": { label: "contradicts a tool result", explain: "Said something is in a state (delivered, closed, …) other than the one a tool reported for it, or gave a total that the tool's list does not add up to.", clause: "said something a tool result contradicted" },
  "unanswered-question": { label: "answer misses the question", explain: "The task asked for a quantity (how many, what year…) and the final answer gives no number.", clause: "gave a final answer that does not answer the question" },
  "run-error": { label: "run error", explain: "The run itself ended with this error.", clause: "is where the run's own error was raised" },
  conflict: { label: "also considered", explain: "Two signals disagreed; this says which step the analyzer preferred and why.", clause: "was preferred over a competing signal" },
  fallback: { label: "best guess", explain: "No strong signal; the analyzer's best guess at where to start looking.", clause: "is the analyzer's best guess" },
  judge: { label: "LLM judge", explain: "The optional LLM judge re-ranked the candidates and chose this step.", clause: "was chosen by the LLM judge" },
};

/** Tooltip of a confidence figure. */
export const CONFIDENCE_EXPLAINED =
  "How strongly the evidence points at this step: its pieces combined (each weighted, 0-100%). " +
  "Above 70%: clear signals such as a check that broke right after this change. 40-70%: likely, worth a look. " +
  "Below 40%: a weak guess; read the steps around it.";

/** The words for a kind (unknown kinds from a newer server read as their code). */
export function evidenceWords(kind: string): EvidenceWords {
  return (EVIDENCE_WORDS as Record<string, EvidenceWords>)[kind] ?? { label: kind, explain: kind, clause: `was flagged (${kind})` };
}
