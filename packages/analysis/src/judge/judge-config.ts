/**
 * Configuration of the optional LLM judge: any OpenAI-compatible /chat/completions
 * endpoint, reached through an injected fetch so the analysis package does no I/O of
 * its own (docs/spec/design.md §2: analysis imports nothing that does I/O).
 */
import { z } from "zod";

/** Judge configuration (validated at the boundary, strict). */
export const JudgeConfigSchema = z
  .object({
    /** Base URL up to and excluding /chat/completions, e.g. http://localhost:11434/v1. */
    baseUrl: z.string().url(),
    model: z.string().min(1),
    apiKey: z.string().optional(),
    timeoutMs: z.number().int().positive().default(20_000),
    /** Candidates shown to the judge, best deterministic score first. */
    maxCandidates: z.number().int().min(1).max(20).default(6),
    /** Prompt size the transcript is truncated to (approximate tokens): fit it to the model's context. */
    promptTokenBudget: z.number().int().min(500).max(1_000_000).default(8000),
    /** Prices for cost when the endpoint does not report one (USD per million tokens). */
    inputUsdPerMTok: z.number().nonnegative().default(0),
    outputUsdPerMTok: z.number().nonnegative().default(0),
  })
  .strict();
/** Judge configuration as given. */
export type JudgeConfigInput = z.input<typeof JudgeConfigSchema>;
/** Judge configuration with defaults applied. */
export type JudgeConfig = z.output<typeof JudgeConfigSchema>;

/** The slice of fetch the judge uses (the global fetch satisfies it). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
