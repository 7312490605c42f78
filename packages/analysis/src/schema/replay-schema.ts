/**
 * Schema of the replay bundle (GET /runs/{traceId}/replay, docs/spec/public-api.md): what a
 * user needs to restart an agent from just before its failure onset, in OpenAI chat
 * format (the conversation, the tool definitions, the model and its parameters) plus a
 * diagnosis message to inject.
 */
import { z } from "zod";
import { EvidenceKindSchema } from "./common-schema";
import { StepRefSchema } from "./onset-schema";

/** Version tag of the bundle's shape. */
export const REPLAY_VERSION = "replay/1";

/** One tool call of an assistant message, as OpenAI's chat API takes it. */
export const OpenAIToolCallSchema = z.object({
  id: z.string().min(1),
  type: z.literal("function"),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

/** One message in OpenAI chat format (system, user, assistant with tool calls, tool result). */
export const OpenAIChatMessageSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("system"), content: z.string(), name: z.string().optional() }),
  z.object({ role: z.literal("user"), content: z.string(), name: z.string().optional() }),
  z.object({
    role: z.literal("assistant"),
    content: z.string().nullable(),
    name: z.string().optional(),
    tool_calls: z.array(OpenAIToolCallSchema).min(1).optional(),
  }),
  z.object({ role: z.literal("tool"), tool_call_id: z.string().min(1), content: z.string() }),
]);
/** One OpenAI chat message. */
export type OpenAIChatMessage = z.infer<typeof OpenAIChatMessageSchema>;

/** A tool definition as OpenAI's `tools` parameter takes it. */
export const OpenAIToolSchema = z.object({
  type: z.literal("function"),
  function: z.object({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()),
  }),
});
/** An OpenAI tool definition. */
export type OpenAITool = z.infer<typeof OpenAIToolSchema>;

/** A sampling parameter value the spans recorded. */
export const ReplayParameterSchema = z.union([z.number(), z.string(), z.boolean(), z.array(z.string())]);

/**
 * Every tool message answers a tool call of an earlier assistant message, and every
 * tool call is answered before the next non-tool message: what OpenAI's API accepts.
 */
function pairsToolCalls(messages: readonly OpenAIChatMessage[]): boolean {
  let open = new Set<string>();
  for (const m of messages) {
    if (m.role === "tool") {
      if (!open.delete(m.tool_call_id)) return false;
      continue;
    }
    if (open.size > 0) return false;
    open = new Set(m.role === "assistant" ? (m.tool_calls ?? []).map((c) => c.id) : []);
  }
  return open.size === 0;
}

/** The replay bundle of one run. */
export const ReplayBundleSchema = z.object({
  version: z.literal(REPLAY_VERSION),
  traceId: z.string().nullable(),
  /** The step the replay restarts before: its decision is what the agent should make again. */
  onset: StepRefSchema.extend({ confidence: z.number().min(0).max(1) }),
  model: z.string().nullable(),
  /** OpenAI request parameters (temperature, top_p, max_tokens, ...) the spans recorded. */
  parameters: z.record(z.string(), ReplayParameterSchema),
  tools: z.array(OpenAIToolSchema),
  /** Names of the tools whose definition was inferred from their calls (none was recorded). */
  inferredTools: z.array(z.string()),
  /** The conversation as it stood just before the onset step's decision. */
  messages: z.array(OpenAIChatMessageSchema).refine(pairsToolCalls, {
    message: "every tool message must answer an earlier assistant tool call, and every tool call must be answered",
  }),
  /** onset-input: the onset decision's own input (what the model saw); rebuilt: from the steps before it. */
  messagesSource: z.enum(["onset-input", "rebuilt"]),
  /** What to tell the agent: append `message` to `messages` before replaying. */
  diagnosis: z.object({
    message: z.object({ role: z.literal("user"), content: z.string().min(1) }),
    evidence: z.array(z.object({ kind: EvidenceKindSchema, text: z.string() })),
    avoid: z.array(z.string()),
  }),
});
/** The replay bundle of one run. */
export type ReplayBundle = z.infer<typeof ReplayBundleSchema>;
