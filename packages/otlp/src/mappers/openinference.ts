import type { Attributes, ChatMessage, SpanContent, SpanType } from "../normalized-span";
import {
  asJsonText,
  asString,
  firstNumber,
  firstStr,
  firstTokens,
  groupIndexed,
  groupIndexedFields,
  isRecord,
  jsonAttr,
  str,
} from "../normalize/attribute-values";
import { contentFromValue } from "../normalize/content";
import type { MappableSpan, MappedFields, SpanMapper } from "../normalize/mapper";
import { keyMatcher } from "../normalize/mapper";
import { countToolCalls } from "../normalize/messages";
import { toInclusiveUsage } from "../normalize/usage";

/**
 * Arize OpenInference (openinference-semantic-conventions,
 * https://github.com/Arize-ai/openinference/blob/main/spec/semantic_conventions.md).
 * Detected by `openinference.span.kind`. Messages come flattened as
 * llm.{input,output}_messages.N.message.*, everything else as input.value/output.value
 * with *.mime_type. Tokens: llm.token_count.prompt includes the cache details
 * (prompt_details.* are a breakdown of it), completion includes reasoning.
 * Cost: llm.cost.total (USD) or prompt + completion, reported as is.
 */

const KIND_TYPES: Record<string, SpanType> = {
  LLM: "llm",
  CHAIN: "chain",
  TOOL: "tool",
  AGENT: "agent",
  RETRIEVER: "retriever",
  RERANKER: "retriever",
  EMBEDDING: "embedding",
  GUARDRAIL: "guardrail",
  EVALUATOR: "other",
  PROMPT: "chain",
  UNKNOWN: "other",
};

/** Fields of the `metadata` JSON read here (LangChain's ls_* names, its agent, session and user). */
const METADATA_FIELDS = ["ls_provider", "ls_model_name", "lc_agent_name", "session_id", "thread_id", "user_id"];

/**
 * The keys read here. The others (llm.token_count.total, llm.invocation_parameters,
 * llm.tools.*, tag.tags, retrieval.documents.*, the other metadata fields...) stay in
 * attributes and diagnostics list them; `metadata` is checked field by field.
 */
const consumes = keyMatcher({
  exact: [
    "openinference.span.kind",
    "agent.name",
    "session.id",
    "user.id",
    "input.value",
    "input.mime_type",
    "output.value",
    "output.mime_type",
    "llm.model_name",
    "llm.response.model_name",
    "llm.request.model_name",
    "embedding.model_name",
    "reranker.model_name",
    "llm.provider",
    "llm.system",
    "llm.token_count.prompt",
    "llm.token_count.completion",
    "llm.token_count.prompt_details.cache_read",
    "llm.token_count.prompt_details.cache_write",
    "llm.token_count.completion_details.reasoning",
    "llm.cost.total",
    "llm.cost.prompt",
    "llm.cost.completion",
    "tool.name",
    "tool_call.id",
    "tool_call.function.name",
    "tool_call.function.arguments",
    "graph.node.id",
    "graph.node.name",
    ...METADATA_FIELDS.map((f) => `metadata.${f}`),
  ],
  prefixes: ["llm.input_messages.", "llm.output_messages."],
});

/** llm.input_messages.N.message.* as chat messages. */
function flattenedMessages(attributes: Attributes, prefix: string): ChatMessage[] | null {
  const groups = groupIndexed(attributes, prefix);
  if (groups.length === 0) return null;
  return groups.map((fields) => {
    let content = asJsonText(fields.get("message.content"));
    if (content === null) {
      const parts = groupIndexedFields(fields, "message.contents.")
        .map((part) => asString(part.get("message_content.text")))
        .filter((text): text is string => text !== null);
      content = parts.join("\n");
    }
    const message: ChatMessage = { role: asString(fields.get("message.role")) ?? "user", content };
    const name = asString(fields.get("message.name"));
    if (name) message.name = name;
    const toolCalls = groupIndexedFields(fields, "message.tool_calls.").flatMap((call) => {
      const fn = asString(call.get("tool_call.function.name"));
      if (!fn) return [];
      return [{ id: asString(call.get("tool_call.id")), name: fn, arguments: asJsonText(call.get("tool_call.function.arguments")) ?? "" }];
    });
    if (toolCalls.length > 0) message.toolCalls = toolCalls;
    const toolCallId = asString(fields.get("message.tool_call_id"));
    if (toolCallId) message.toolCallId = toolCallId;
    return message;
  });
}

/**
 * Prefer the flattened llm.*_messages; but the LangChain instrumentation leaves tool
 * calls out of them while input.value/output.value still carry them, and tool calls
 * are what loop and step detection need, so the rendering with more of them wins.
 */
function pickContent(flattened: ChatMessage[] | null, value: SpanContent | null): SpanContent | null {
  if (!flattened) return value;
  if (value?.kind === "messages") {
    const calls = countToolCalls(value.messages) - countToolCalls(flattened);
    // With as many tool calls, the one carrying the call ids wins: LangChain's flattened
    // messages drop them (and the ToolMessage's tool_call_id), its serialized value keeps them.
    if (calls > 0 || (calls === 0 && countCallIds(value.messages) > countCallIds(flattened))) return value;
  }
  return { kind: "messages", messages: flattened };
}

/** Tool call ids and tool-result ids present in `messages`. */
function countCallIds(messages: readonly ChatMessage[]): number {
  let n = 0;
  for (const m of messages) {
    if (m.toolCallId) n++;
    for (const call of m.toolCalls ?? []) if (call.id) n++;
  }
  return n;
}

/** LangChain tool spans' output.value is {output: <serialized ToolMessage>}: the result is its content. */
function toolResult(a: Attributes, output: SpanContent | null): string | null {
  if (output?.kind === "messages" && output.messages.length === 1 && output.messages[0]!.role === "tool") return output.messages[0]!.content;
  return asJsonText(a["output.value"]);
}

/** session/user ids also travel inside the `metadata` JSON (LangChain puts them there). */
function fromMetadata(attributes: Attributes, key: string): string | null {
  const metadata = jsonAttr(attributes, "metadata");
  return isRecord(metadata) ? asString(metadata[key]) : null;
}

function map(span: MappableSpan): MappedFields {
  const a = span.attributes;
  const out: MappedFields = {};
  const kind = str(a, "openinference.span.kind")?.toUpperCase();
  const type = kind ? KIND_TYPES[kind] : undefined;
  if (type) out.type = type;

  const input = pickContent(flattenedMessages(a, "llm.input_messages."), contentFromValue(a["input.value"], str(a, "input.mime_type")));
  const output = pickContent(flattenedMessages(a, "llm.output_messages."), contentFromValue(a["output.value"], str(a, "output.mime_type")));
  if (input) out.input = input;
  if (output) out.output = output;

  const model =
    firstStr(a, ["llm.model_name", "llm.response.model_name", "llm.request.model_name", "embedding.model_name", "reranker.model_name"]) ??
    (type === "llm" ? fromMetadata(a, "ls_model_name") : null);
  if (model) out.model = model;
  // LangChain puts its own names in the metadata JSON: ls_provider, ls_model_name.
  const provider = firstStr(a, ["llm.provider", "llm.system"]) ?? fromMetadata(a, "ls_provider");
  if (provider) out.provider = provider.toLowerCase();

  out.usage = toInclusiveUsage(
    {
      input: firstTokens(a, ["llm.token_count.prompt"]),
      output: firstTokens(a, ["llm.token_count.completion"]),
      cacheRead: firstTokens(a, ["llm.token_count.prompt_details.cache_read"]),
      cacheWrite: firstTokens(a, ["llm.token_count.prompt_details.cache_write"]),
      reasoning: firstTokens(a, ["llm.token_count.completion_details.reasoning"]),
    },
    false,
  );
  const total = firstNumber(a, ["llm.cost.total"]);
  const prompt = firstNumber(a, ["llm.cost.prompt"]);
  const completion = firstNumber(a, ["llm.cost.completion"]);
  const cost = total ?? (prompt !== null || completion !== null ? (prompt ?? 0) + (completion ?? 0) : null);
  if (cost !== null) out.costUsd = cost;

  // OpenInference's own traceTool helper names the span after the tool and sends no
  // tool.name: a TOOL span's name is then the tool's.
  const toolName = firstStr(a, ["tool.name", "tool_call.function.name"]) ?? (type === "tool" && span.name ? span.name : null);
  if (toolName) {
    // LangChain tool spans carry the call id only inside their ToolMessage output.
    const outputCallId = output?.kind === "messages" ? output.messages[0]?.toolCallId : undefined;
    out.tool = {
      name: toolName,
      callId: firstStr(a, ["tool_call.id"]) ?? outputCallId ?? null,
      arguments: asJsonText(a["tool_call.function.arguments"]) ?? (type === "tool" ? asJsonText(a["input.value"]) : null),
      result: type === "tool" ? toolResult(a, output) : null,
    };
  }

  // LangChain's createAgent names its agent in metadata.lc_agent_name on every span below it.
  const agent =
    firstStr(a, ["agent.name"]) ?? (type === "agent" ? (firstStr(a, ["graph.node.id", "graph.node.name"]) ?? span.name) : null) ?? fromMetadata(a, "lc_agent_name");
  if (agent) out.agentName = agent;
  const session = firstStr(a, ["session.id"]) ?? fromMetadata(a, "session_id") ?? fromMetadata(a, "thread_id");
  if (session) out.sessionId = session;
  const user = firstStr(a, ["user.id"]) ?? fromMetadata(a, "user_id");
  if (user) out.userId = user;
  return out;
}

/** The OpenInference mapper (openinference.span.kind, llm.*, input/output.value). */
export const openInferenceMapper: SpanMapper = {
  name: "openinference",
  detect: (span) => "openinference.span.kind" in span.attributes,
  map,
  consumes,
  readsFieldsOf: ["metadata"],
};
