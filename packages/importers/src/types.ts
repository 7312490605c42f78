/**
 * Public shapes of the importers: what an extractor is, what an import returns.
 * The spans themselves are the shared NormalizedSpan from @onset/otlp.
 */
import type { NormalizedSpan } from "@onset/otlp";
import type { ArtifactInput } from "./artifact-input";

/** Every artifact format this package reads. */
export type FormatName =
  | "swe-agent"
  | "mini-swe-agent"
  | "openhands"
  | "atif"
  | "claude-code"
  | "smolagents"
  | "chat-history";

/** How sure an extractor is that it can read an artifact, and why (or why not). */
export interface Detection {
  /** 0 = certainly not this format, 1 = certainly this format. */
  confidence: number;
  /** One short sentence: the fingerprint that matched, or what was missing. */
  reason: string;
}

/** What detectFormat answers for a recognised artifact. */
export interface DetectedFormat {
  format: FormatName;
  confidence: number;
  reason: string;
}

/** One agent run rebuilt from an artifact. */
export interface ImportedRun {
  /** Same as traceId: the id Onset stores the run under. */
  runId: string;
  traceId: string;
  /** The artifact's own id for the run (instance id, session id), when it has one. */
  sourceRunId: string | null;
  name: string;
  /** Root agent span first, then spans in step order. */
  spans: NormalizedSpan[];
  /** Number of agent steps (one LLM decision plus the tools it ran). */
  steps: number;
  /** Number of llm/tool spans whose status is error. */
  errors: number;
}

/** Result of importing one artifact (one file). */
export interface ImportResult {
  format: FormatName;
  sourcePath: string;
  runs: ImportedRun[];
}

/** Options of importArtifact. */
export interface ImportOptions {
  /** "auto" (default) detects the format; a name forces that extractor. */
  format?: "auto" | FormatName;
  /**
   * Epoch ms the synthetic clock starts from when an artifact carries no times.
   * Defaults to SYNTHETIC_BASE_TIME_MS so re-imports produce identical spans.
   */
  baseTimeMs?: number;
  /**
   * Size limit of every string the spans carry (attributes, messages, tool arguments
   * and results, error text), as the OTLP decoders apply ONSET_MAX_ATTRIBUTE_BYTES:
   * a longer string is cut and marked with its original size. Defaults to
   * DEFAULT_MAX_ATTRIBUTE_BYTES (the collector's default); null turns the limit off.
   */
  maxAttributeBytes?: number | null;
}

/** Everything an extractor needs besides the artifact. */
export interface ExtractContext {
  format: FormatName;
  sourcePath: string;
  /** sha256 hex of the artifact's bytes: the seed of every id. */
  digest: string;
  baseTimeMs: number;
}

/** A per-format extractor: a fingerprint test and a converter. */
export interface Extractor {
  format: FormatName;
  /** One line for listFormats() and the docs. */
  description: string;
  detect(input: ArtifactInput): Detection;
  /** Throws MalformedArtifactError when the artifact breaks the format's contract. */
  extract(input: ArtifactInput, ctx: ExtractContext): ImportedRun[];
}

/** Entry of listFormats(). */
export interface FormatInfo {
  format: FormatName;
  description: string;
}
