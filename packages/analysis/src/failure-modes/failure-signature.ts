/**
 * Failure modes across runs (issue 18): a failed run's deterministic signature, built
 * from its onset so that runs failing the same way share it without any model: the
 * onset's evidence kind, the agent, the tool of the onset step, and the error class —
 * the first error text of the onset step (else of the steps its failure spoiled, else the
 * last error before it, which a premature answer went past), with
 * everything that varies between occurrences (quoted text, paths, ids, numbers) masked.
 */
import type { RunAnalysis } from "../schema/analysis-schema";
import type { StepSummary } from "../schema/step-schema";
import { outputFingerprint } from "../spans/text-hash";

/** A failed run's failure-mode signature. */
export interface FailureSignature {
  /** Stable id of the mode: a fingerprint (cyrb53, text-hash.ts) of the four parts. */
  key: string;
  /** The onset's first evidence kind (e.g. `failing-check`, `unresolved-error`). */
  evidenceKind: string;
  /** The onset step's agent. */
  agentName: string;
  /** The onset step's tool (its failing action's, else its first action's); "(none)" for a step without tools. */
  tool: string;
  /** The normalized error text; "(no error)" when no step of the failure showed one. */
  errorClass: string;
}

/** Evidence kinds that annotate an onset rather than say why it was chosen. */
const ANNOTATIONS = new Set(["judge", "conflict"]);
const MAX_ERROR_CLASS = 120;

/**
 * An error text with what varies between occurrences masked: quoted strings, file paths,
 * URLs, hex ids and UUIDs, numbers; the first line that says something, whitespace
 * collapsed, cut to 120 characters.
 */
export function normalizeErrorText(text: string): string {
  const line =
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => /[a-z]/i.test(l)) ?? "";
  return line
    .slice(0, 2000)
    .replace(/https?:\/\/\S+/gi, "<url>")
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, "<str>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<id>")
    .replace(/(?:[A-Za-z]:)?(?:[\w.@~-]*[/\\])+[\w.@-]+(?:::\w+)*/g, "<path>")
    .replace(/\b(?=[0-9a-f]*\d)[0-9a-f]{7,}\b/gi, "<id>")
    .replace(/(?<![A-Za-z])(?:0x[0-9a-f]+|\d+(?:[.,:]\d+)*)/gi, "<n>")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_ERROR_CLASS);
}

function firstError(step: StepSummary | undefined): { tool: string; text: string } | null {
  for (const a of step?.actions ?? []) if (a.error) return { tool: a.tool, text: a.error.text };
  return null;
}

/** The signature of a failed run with an onset; null otherwise (no mode to join). */
export function failureSignature(analysis: RunAnalysis): FailureSignature | null {
  const onset = analysis.onset;
  if (analysis.outcome.status !== "failed" || onset === null) return null;
  const byId = new Map(analysis.steps.map((s) => [s.id, s]));
  const step = byId.get(onset.stepId);
  const evidenceKind = onset.evidence.find((e) => !ANNOTATIONS.has(e.kind))?.kind ?? "fallback";
  const own = firstError(step);
  // The onset's own error, else the first one it led to, else the last one it went past (a submit despite an error).
  const earlier = analysis.steps.filter((s) => step && s.index < step.index && s.agentName === step.agentName).reverse();
  const downstream =
    own ?? analysis.chain.map((c) => firstError(byId.get(c.stepId))).find((e) => e !== null) ?? earlier.map((s) => firstError(s)).find((e) => e !== null) ?? null;
  const tool = own?.tool ?? step?.actions[0]?.tool ?? "(none)";
  const errorClass = downstream ? normalizeErrorText(downstream.text) || "(no error)" : "(no error)";
  const parts = { evidenceKind, agentName: onset.agentName, tool, errorClass };
  const key = `fm_${outputFingerprint(JSON.stringify([parts.evidenceKind, parts.agentName, parts.tool, parts.errorClass]))}`;
  return { key, ...parts };
}
