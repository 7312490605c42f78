/**
 * The extractor registry and the pure entry points: detectFormat, importArtifact,
 * listFormats. Each extractor fingerprints the artifact (file name, top-level keys,
 * event shapes) with a confidence, as CodeTracer's per-format extractors do
 * (docs/spec/failure-onset.md); the most confident one converts it.
 */
import { truncateAttributes, truncateSpanInPlace } from "@onset/otlp";
import { ArtifactInput } from "./artifact-input";
import { ImportError, MalformedArtifactError, UnknownFormatError } from "./errors";
import { atifExtractor } from "./formats/atif";
import { chatHistoryExtractor } from "./formats/chat-history";
import { claudeCodeExtractor } from "./formats/claude-code";
import { miniSweAgentExtractor } from "./formats/mini-swe-agent";
import { openHandsExtractor } from "./formats/openhands";
import { smolagentsExtractor } from "./formats/smolagents";
import { sweAgentExtractor } from "./formats/swe-agent";
import { contentDigest } from "./ids";
import { SYNTHETIC_BASE_TIME_MS } from "./timeline";
import type { DetectedFormat, Extractor, FormatInfo, FormatName, ImportOptions, ImportResult, ImportedRun } from "./types";

/** String size limit applied to imported spans unless ImportOptions says otherwise: the collector's default. */
export const DEFAULT_MAX_ATTRIBUTE_BYTES = 64 * 1024;

/**
 * The size limit set by ONSET_MAX_ATTRIBUTE_BYTES in `env` (read as the collector reads
 * it: a non-negative integer, else the default), for callers that import on behalf of a
 * server or the CLI and must truncate as the OTLP path does.
 */
export function maxAttributeBytesFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.ONSET_MAX_ATTRIBUTE_BYTES;
  const n = raw === undefined || raw === "" ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : DEFAULT_MAX_ATTRIBUTE_BYTES;
}

/** Below this confidence a fingerprint is a guess, not a match. */
export const MIN_CONFIDENCE = 0.3;

// Order breaks confidence ties: specific formats before the generic chat history.
const EXTRACTORS: readonly Extractor[] = [
  sweAgentExtractor,
  miniSweAgentExtractor,
  openHandsExtractor,
  atifExtractor,
  claudeCodeExtractor,
  smolagentsExtractor,
  chatHistoryExtractor,
];

/** Every supported format with a one-line description. */
export function listFormats(): FormatInfo[] {
  return EXTRACTORS.map((e) => ({ format: e.format, description: e.description }));
}

/** True when `name` is a supported format name. */
export function isFormatName(name: string): name is FormatName {
  return EXTRACTORS.some((e) => e.format === name);
}

function detectAll(input: ArtifactInput): { extractor: Extractor; confidence: number; reason: string }[] {
  return EXTRACTORS.map((extractor) => {
    try {
      return { extractor, ...extractor.detect(input) };
    } catch (e) {
      // A fingerprint test must never take the whole import down; it just did not match.
      return { extractor, confidence: 0, reason: `detector failed: ${e instanceof Error ? e.message : String(e)}` };
    }
  });
}

function best(input: ArtifactInput): { extractor: Extractor; confidence: number; reason: string } | UnknownFormatError {
  const verdicts = detectAll(input);
  let top: (typeof verdicts)[number] | null = null;
  for (const v of verdicts) if (v.confidence >= MIN_CONFIDENCE && (top === null || v.confidence > top.confidence)) top = v;
  if (top) return top;
  const json = input.json();
  const note = !json.ok && input.jsonLinesStrict() === null ? `not valid JSON: ${json.error}` : undefined;
  return new UnknownFormatError(
    input.fileName,
    verdicts.map((v) => ({ format: v.extractor.format, confidence: v.confidence, reason: v.reason })),
    note,
  );
}

/** The format an artifact is in, with the extractor's confidence, or null when no format matches. */
export function detectFormat(fileName: string, content: string | Uint8Array): DetectedFormat | null {
  const found = best(new ArtifactInput(fileName, content));
  if (found instanceof UnknownFormatError) return null;
  return { format: found.extractor.format, confidence: found.confidence, reason: found.reason };
}

/**
 * Converts one artifact into runs of NormalizedSpans. Throws UnknownFormatError when no
 * format matches (naming each format tried and why), MalformedArtifactError when the
 * artifact breaks its format's contract, ImportError for an unknown forced format name.
 */
export function importArtifact(fileName: string, content: string | Uint8Array, opts: ImportOptions = {}): ImportResult {
  const input = new ArtifactInput(fileName, content);
  const requested = opts.format ?? "auto";
  let extractor: Extractor;
  if (requested === "auto") {
    const found = best(input);
    if (found instanceof UnknownFormatError) throw found;
    extractor = found.extractor;
  } else {
    const named = EXTRACTORS.find((e) => e.format === requested);
    if (!named) {
      throw new ImportError(`Unknown format "${String(requested)}"; expected one of: ${EXTRACTORS.map((e) => e.format).join(", ")}`);
    }
    extractor = named;
  }
  const ctx = {
    format: extractor.format,
    sourcePath: fileName,
    digest: contentDigest(input.text),
    baseTimeMs: opts.baseTimeMs ?? SYNTHETIC_BASE_TIME_MS,
  };
  let runs: ImportedRun[];
  try {
    runs = extractor.extract(input, ctx);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    // An extractor tripping over an unexpected shape is still bad input, reported as such.
    throw new MalformedArtifactError(fileName, extractor.format, e instanceof Error ? e.message : String(e));
  }
  const maxBytes = opts.maxAttributeBytes === undefined ? DEFAULT_MAX_ATTRIBUTE_BYTES : opts.maxAttributeBytes;
  if (maxBytes !== null) truncateRuns(runs, maxBytes);
  return { format: extractor.format, sourcePath: fileName, runs };
}

/** The OTLP path's size limit, applied to every string of every imported span. */
function truncateRuns(runs: readonly ImportedRun[], maxBytes: number): void {
  if (!Number.isFinite(maxBytes) || maxBytes < 0) throw new ImportError(`maxAttributeBytes must be a non-negative number, got ${maxBytes}`);
  const limit = Math.floor(maxBytes);
  for (const run of runs) {
    for (const span of run.spans) {
      truncateSpanInPlace(span, limit);
      span.resourceAttributes = truncateAttributes(span.resourceAttributes, limit);
    }
  }
}
