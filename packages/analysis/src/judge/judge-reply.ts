/**
 * Parsing the judge's reply: the first JSON object in the message content (models wrap
 * JSON in prose or code fences), validated; step numbers must be steps the prompt showed.
 */
import { z } from "zod";
import { JUDGE_CATEGORIES } from "./judge-prompt";

/** What a usable reply says. */
export interface JudgeVerdict {
  onsetIndex: number;
  ranking: number[];
  explanation: string | null;
  /** One of JUDGE_CATEGORIES; "other" when the reply named none we know. */
  category: (typeof JUDGE_CATEGORIES)[number];
}

const VerdictSchema = z.object({
  onset_step: z.coerce.number().int().nonnegative(),
  ranking: z.array(z.coerce.number().int().nonnegative()).optional(),
  explanation: z.string().max(4000).optional(),
  // A category outside the list is not worth losing the pick over: it reads as "other".
  category: z.enum(JUDGE_CATEGORIES).catch("other").default("other"),
});

/** The first balanced {...} block of a text, or null. */
export function firstJsonObject(text: string): string | null {
  const start = text.indexOf("{");
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

/** Parses a reply's content; returns the verdict or why it is unusable. */
export function parseJudgeContent(content: string, shown: readonly number[]): { verdict: JudgeVerdict } | { error: string } {
  const block = firstJsonObject(content);
  if (block === null) return { error: "no JSON object in the judge's reply" };
  let raw: unknown;
  try {
    raw = JSON.parse(block);
  } catch {
    return { error: "the judge's JSON does not parse" };
  }
  const parsed = VerdictSchema.safeParse(raw);
  if (!parsed.success) return { error: `the judge's JSON lacks a valid onset_step (${parsed.error.issues[0]?.message ?? "invalid"})` };
  const allowed = new Set(shown);
  const onsetIndex = parsed.data.onset_step;
  if (!allowed.has(onsetIndex)) return { error: `the judge picked step ${onsetIndex}, which the prompt did not show` };
  const ranking = [...new Set((parsed.data.ranking ?? [onsetIndex]).filter((k) => allowed.has(k)))];
  return { verdict: { onsetIndex, ranking, explanation: parsed.data.explanation ?? null, category: parsed.data.category } };
}

/** Token usage an OpenAI-compatible reply reports (OpenAI or Anthropic-style names), and a reported cost. */
export function replyUsage(body: unknown): { promptTokens: number; completionTokens: number; costUsd: number | null } {
  const usage = (body as { usage?: Record<string, unknown> } | null)?.usage ?? {};
  const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? Math.round(v) : 0);
  const cost = usage["cost"];
  return {
    promptTokens: num(usage["prompt_tokens"] ?? usage["input_tokens"]),
    completionTokens: num(usage["completion_tokens"] ?? usage["output_tokens"]),
    costUsd: typeof cost === "number" && Number.isFinite(cost) && cost >= 0 ? cost : null,
  };
}
