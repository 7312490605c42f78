import type { SpanType } from "../normalized-span";
import { asJsonText, firstStr, firstTokens } from "../normalize/attribute-values";
import type { MappableSpan, MappedFields, SpanMapper } from "../normalize/mapper";
import { hasKeyWithPrefix, keyMatcher } from "../normalize/mapper";
import { toInclusiveUsage } from "../normalize/usage";
import { genAiInput, genAiOutput } from "./otel-genai-content";

/**
 * OpenTelemetry GenAI semantic conventions (gen_ai.*), current and older drafts.
 * Spec: https://github.com/open-telemetry/semantic-conventions/tree/main/docs/gen-ai
 * (spans, events, agent spans).
 * It is the base layer: framework mappers in front of it set what they know better
 * (their own span kinds), and this one fills the rest from gen_ai.* keys, which
 * Vercel, Mastra, pydantic-ai, OpenLLMetry, OpenLit and Google ADK all send as well.
 *
 * Tokens: gen_ai.usage.input_tokens includes cached tokens and output_tokens includes
 * reasoning (the spec's "SHOULD"); older keys prompt_tokens/completion_tokens have
 * OpenAI's meaning, which is the same. See toInclusiveUsage for senders that break it.
 */

const OPERATION_TYPES: Record<string, SpanType> = {
  chat: "llm",
  generate_content: "llm",
  text_completion: "llm",
  completion: "llm",
  "chat.completions": "llm",
  chat_completion: "llm",
  responses: "llm",
  embeddings: "embedding",
  embedding: "embedding",
  retrieval: "retriever",
  create_agent: "agent",
  invoke_agent: "agent",
  execute_tool: "tool",
  invoke_workflow: "chain",
};

const KEYS = {
  input: ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"],
  output: ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"],
  cacheRead: [
    "gen_ai.usage.cache_read.input_tokens",
    "gen_ai.usage.cache_read_input_tokens",
    "gen_ai.usage.cached_input_tokens",
    "gen_ai.usage.cache_read_tokens",
  ],
  cacheWrite: [
    "gen_ai.usage.cache_creation.input_tokens",
    "gen_ai.usage.cache_write.input_tokens",
    "gen_ai.usage.cache_creation_input_tokens",
    "gen_ai.usage.cache_write_input_tokens",
  ],
  reasoning: ["gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens", "gen_ai.usage.reasoning_output_tokens"],
} as const;

/**
 * The gen_ai.* keys this mapper (and otel-genai-content.ts) reads; the others, such as
 * gen_ai.usage.total_tokens, gen_ai.tool.definitions, gen_ai.request.temperature and
 * gen_ai.response.finish_reasons, stay in attributes and diagnostics list them.
 */
const consumes = keyMatcher({
  exact: [
    "gen_ai.operation.name",
    "gen_ai.request.model",
    "gen_ai.response.model",
    "gen_ai.provider.name",
    "gen_ai.system",
    ...Object.values(KEYS).flat(),
    "gen_ai.tool.name",
    "gen_ai.tool.call.id",
    "gen_ai.tool.call.arguments",
    "gen_ai.tool.call.result",
    "gen_ai.conversation.id",
    "gen_ai.agent.name",
    "gen_ai.agent.id",
    "gen_ai.system_instructions",
    "gen_ai.input.messages",
    "gen_ai.output.messages",
    "gen_ai.prompt",
    "gen_ai.completion",
  ],
  prefixes: ["gen_ai.prompt.", "gen_ai.completion."],
});

function detect(span: MappableSpan): boolean {
  if (hasKeyWithPrefix(span.attributes, "gen_ai.")) return true;
  for (const event of span.events) if (event.name.startsWith("gen_ai.")) return true;
  return false;
}

/** Span type from gen_ai.operation.name; without one, a span naming a model or carrying messages is an LLM call. */
function spanType(span: MappableSpan, input: unknown, output: unknown): SpanType | undefined {
  const a = span.attributes;
  const operation = firstStr(a, ["gen_ai.operation.name"]);
  if (operation) {
    const known = OPERATION_TYPES[operation.toLowerCase()];
    if (known) return known;
  }
  if (firstStr(a, ["gen_ai.tool.name"]) && !firstStr(a, ["gen_ai.request.model", "gen_ai.response.model"])) return "tool";
  if (firstStr(a, ["gen_ai.request.model", "gen_ai.response.model"]) || input || output) return "llm";
  return undefined;
}

function map(span: MappableSpan): MappedFields {
  const a = span.attributes;
  const input = genAiInput(a, span.events);
  const output = genAiOutput(a, span.events);
  const out: MappedFields = {};
  const type = spanType(span, input, output);
  if (type) out.type = type;
  if (input) out.input = input;
  if (output) out.output = output;
  const model = firstStr(a, ["gen_ai.response.model", "gen_ai.request.model"]);
  if (model) out.model = model;
  const provider = firstStr(a, ["gen_ai.provider.name", "gen_ai.system"]);
  if (provider) out.provider = provider.toLowerCase();
  out.usage = toInclusiveUsage(
    {
      input: firstTokens(a, KEYS.input),
      output: firstTokens(a, KEYS.output),
      cacheRead: firstTokens(a, KEYS.cacheRead),
      cacheWrite: firstTokens(a, KEYS.cacheWrite),
      reasoning: firstTokens(a, KEYS.reasoning),
    },
    false,
  );
  const toolName = firstStr(a, ["gen_ai.tool.name"]);
  if (toolName) {
    out.tool = {
      name: toolName,
      callId: firstStr(a, ["gen_ai.tool.call.id"]),
      arguments: asJsonText(a["gen_ai.tool.call.arguments"]),
      result: asJsonText(a["gen_ai.tool.call.result"]),
    };
  }
  const conversation = firstStr(a, ["gen_ai.conversation.id"]);
  if (conversation) out.conversationId = conversation;
  const agent = firstStr(a, ["gen_ai.agent.name", "gen_ai.agent.id"]);
  if (agent) out.agentName = agent;
  return out;
}

/** The OTel GenAI mapper (gen_ai.* attributes and events). */
export const otelGenAiMapper: SpanMapper = { name: "otel-genai", detect, map, consumes };
