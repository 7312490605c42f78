import type { NormalizedSpan } from "../normalized-span";
import { crewAiTelemetryMapper } from "../mappers/crewai-telemetry";
import { genericMapper } from "../mappers/generic";
import { genkitMapper } from "../mappers/genkit";
import { langfuseMapper } from "../mappers/langfuse";
import { logfireMapper } from "../mappers/logfire";
import { mastraMapper } from "../mappers/mastra";
import { openInferenceMapper } from "../mappers/openinference";
import { openLitMapper } from "../mappers/openlit";
import { openLlmetryMapper } from "../mappers/openllmetry";
import { otelGenAiMapper } from "../mappers/otel-genai";
import { vercelAiMapper } from "../mappers/vercel-ai";
import { remapSpan } from "./apply-mappers";
import type { SpanMapper } from "./mapper";

/**
 * The default mapper registry, highest priority first. Explicit annotations
 * (Langfuse) and framework conventions that also emit gen_ai.* keys (OpenInference's
 * Google ADK spans, Vercel, Mastra, OpenLLMetry, pydantic-ai, OpenLit, Genkit) come before
 * OTel GenAI so their own span kinds win; OTel GenAI then fills what they left out;
 * the generic mapper is last and always matches.
 */
export const DEFAULT_MAPPERS: readonly SpanMapper[] = [
  langfuseMapper,
  openInferenceMapper,
  vercelAiMapper,
  mastraMapper,
  crewAiTelemetryMapper,
  openLlmetryMapper,
  logfireMapper,
  openLitMapper,
  genkitMapper,
  otelGenAiMapper,
  genericMapper,
];

/** Recompute a span's semantic fields (type, model, usage, ...) from its attributes; returns a new span. */
export function normalizeSpan(span: NormalizedSpan, mappers: readonly SpanMapper[] = DEFAULT_MAPPERS): NormalizedSpan {
  return remapSpan(span, mappers);
}
