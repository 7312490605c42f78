/**
 * @onset/importers: run artifacts that never went through OTel (SWE-agent,
 * mini-SWE-agent, OpenHands, Harbor ATIF / Terminus 2, Claude Code, plain chat
 * histories) converted into runs of NormalizedSpans. See docs/importers.md.
 */
export type {
  FormatName,
  Detection,
  DetectedFormat,
  ImportedRun,
  ImportResult,
  ImportOptions,
  Extractor,
  ExtractContext,
  FormatInfo,
} from "./types";
export type { FormatAttempt } from "./errors";
export { ImportError, UnknownFormatError, MalformedArtifactError } from "./errors";
export { detectFormat, importArtifact, listFormats, isFormatName, MIN_CONFIDENCE, DEFAULT_MAX_ATTRIBUTE_BYTES, maxAttributeBytesFromEnv } from "./registry";
export { importTauRecord } from "./tau-record";
export type { Verdict } from "./verdict";
export type { ImportPathOptions, ImportProgress, ImportSummary, FormatTotals } from "./import-path";
export { importPath, listArtifactFiles, ARTIFACT_EXTENSIONS } from "./import-path";
export { SYNTHETIC_BASE_TIME_MS } from "./timeline";
export type { SmolCall, SmolStep, SmolMemory } from "./formats/smolagents-messages";
export { stepsOfMemory, roleOf } from "./formats/smolagents-messages";
export { isStepRepr } from "./formats/smolagents-repr-steps";
export { parseJsonAllowingNaN } from "./artifact-input";
export { contentText } from "./message-text";
