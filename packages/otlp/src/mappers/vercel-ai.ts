import type { AttrValue, ChatMessage, SpanType, TokenUsage } from "../normalized-span";
import { asJsonText, asNumber, asTokenCount, firstStr, firstTokens, isRecord, jsonAttr, parseJsonValue, str } from "../normalize/attribute-values";
import { contentFromValue } from "../normalize/content";
import type { MappableSpan, MappedFields, SpanMapper } from "../normalize/mapper";
import { keyMatcher } from "../normalize/mapper";
import { toChatMessages, toolCallsFrom } from "../normalize/messages";
import { toInclusiveUsage } from "../normalize/usage";

/**
 * Vercel AI SDK telemetry (ai-sdk.dev/docs/ai-sdk-core/telemetry), v3 to v6.
 * `ai.operationId` names the operation: ai.generateText / ai.streamText /
 * ai.generateObject / ai.streamObject wrap a multi-step loop (chain); their
 * .doGenerate / .doStream children are the model calls (llm); ai.toolCall is a tool;
 * ai.embed(.doEmbed) and ai.embedMany(.doEmbed) are embeddings. Older captures lack
 * ai.operationId but carry `operation.name` = "<operationId> <functionId>".
 *
 * Tokens (v5+): ai.usage.inputTokens includes cached tokens (inputTokenDetails
 * .noCacheTokens + cacheReadTokens + cacheWriteTokens = inputTokens), outputTokens
 * includes reasoning. v4's promptTokens was the provider's raw number: for Anthropic
 * that excludes cache, whose counts then sit in ai.response.providerMetadata.anthropic,
 * so in that one case cache tokens are added to input.
 * Cost: only the Vercel AI Gateway reports one (providerMetadata.gateway.cost).
 */

const OUTER = new Set(["ai.generateText", "ai.streamText", "ai.generateObject", "ai.streamObject", "ai.embed", "ai.embedMany", "ai.rerank"]);

const consumes = keyMatcher({ exact: ["operation.name", "resource.name"], prefixes: ["ai."] });

/** ai.operationId, or the first word of operation.name. */
function operationId(span: MappableSpan): string | null {
  const id = str(span.attributes, "ai.operationId");
  if (id) return id;
  const op = str(span.attributes, "operation.name");
  if (op?.startsWith("ai.")) return op.split(" ")[0] ?? null;
  return span.scopeName === "ai" && span.name.startsWith("ai.") ? span.name : null;
}

function spanType(op: string): SpanType {
  if (op === "ai.toolCall") return "tool";
  if (op.endsWith(".doEmbed")) return "embedding";
  if (op.endsWith(".doRerank")) return "retriever";
  if (op.endsWith(".doGenerate") || op.endsWith(".doStream")) return "llm";
  return OUTER.has(op) ? "chain" : "other";
}

/** ai.prompt is {system?, prompt?, messages?}; ai.prompt.messages is the provider-level message list. */
function promptContent(span: MappableSpan): MappedFields["input"] {
  const a = span.attributes;
  const messages = toChatMessages(jsonAttr(a, "ai.prompt.messages"));
  if (messages) return { kind: "messages", messages };
  const prompt = jsonAttr(a, "ai.prompt");
  if (isRecord(prompt)) {
    const out: ChatMessage[] = [];
    if (typeof prompt.system === "string") out.push({ role: "system", content: prompt.system });
    if (typeof prompt.prompt === "string") out.push({ role: "user", content: prompt.prompt });
    out.push(...(toChatMessages(prompt.messages) ?? []));
    if (out.length > 0) return { kind: "messages", messages: out };
  }
  return contentFromValue(a["ai.prompt"]) ?? contentFromValue(a["ai.values"] ?? a["ai.value"]) ?? undefined;
}

/** ai.response.{text,toolCalls,finishReason} (v4: ai.result.*) as one assistant message; objects as JSON. */
function responseContent(span: MappableSpan): MappedFields["output"] {
  const a = span.attributes;
  const text = firstStr(a, ["ai.response.text", "ai.result.text"]);
  const toolCalls = toolCallsFrom(jsonAttr(a, "ai.response.toolCalls") ?? jsonAttr(a, "ai.result.toolCalls"));
  if (text !== null || toolCalls.length > 0) {
    const message: ChatMessage = { role: "assistant", content: text ?? "" };
    if (toolCalls.length > 0) message.toolCalls = toolCalls;
    const finish = firstStr(a, ["ai.response.finishReason", "ai.finishReason"]);
    if (finish) message.finishReason = finish;
    return { kind: "messages", messages: [message] };
  }
  return contentFromValue(a["ai.response.object"] ?? a["ai.result.object"]) ?? undefined;
}

function usage(span: MappableSpan): Partial<TokenUsage> {
  const a = span.attributes;
  const meta = jsonAttr(a, "ai.response.providerMetadata");
  const anthropic = isRecord(meta) && isRecord(meta.anthropic) ? meta.anthropic : null;
  const v4Input = !("ai.usage.inputTokens" in a) && "ai.usage.promptTokens" in a;
  return toInclusiveUsage(
    {
      input: firstTokens(a, ["ai.usage.inputTokens", "ai.usage.promptTokens", "ai.usage.tokens"]),
      output: firstTokens(a, ["ai.usage.outputTokens", "ai.usage.completionTokens"]),
      cacheRead: firstTokens(a, ["ai.usage.inputTokenDetails.cacheReadTokens", "ai.usage.cachedInputTokens"]) ?? asTokenCount(anthropic?.cacheReadInputTokens),
      cacheWrite: firstTokens(a, ["ai.usage.inputTokenDetails.cacheWriteTokens"]) ?? asTokenCount(anthropic?.cacheCreationInputTokens),
      reasoning: firstTokens(a, ["ai.usage.outputTokenDetails.reasoningTokens", "ai.usage.reasoningTokens"]),
    },
    v4Input && anthropic !== null,
  );
}

/**
 * ai.toolCall.result is JSON.stringify of what execute returned: a tool returning a
 * string arrives as a JSON string literal, whose text is the result.
 */
function toolResult(value: AttrValue | undefined): string | null {
  const parsed = parseJsonValue(value);
  return typeof parsed === "string" && typeof value === "string" && value.startsWith('"') ? parsed : asJsonText(value);
}

function map(span: MappableSpan): MappedFields {
  const a = span.attributes;
  const op = operationId(span) ?? "";
  const out: MappedFields = { type: spanType(op), usage: usage(span) };
  const input = promptContent(span);
  const output = responseContent(span);
  if (input) out.input = input;
  if (output) out.output = output;
  // ai.model.id on a roll-up (ai.generateText, ...) is the model its calls requested, not a
  // call of its own; its calls answer with the dated name (ai.response.model), so taking
  // it there would count one model twice in the run.
  const model = firstStr(a, OUTER.has(op) ? ["ai.response.model"] : ["ai.response.model", "ai.model.id"]);
  if (model) out.model = model;
  // Provider ids look like "openai.chat" / "anthropic.messages": keep the provider part.
  const provider = str(a, "ai.model.provider");
  if (provider) out.provider = (provider.split(".")[0] ?? provider).toLowerCase();
  const meta = jsonAttr(a, "ai.response.providerMetadata");
  const gatewayCost = isRecord(meta) && isRecord(meta.gateway) ? asNumber(meta.gateway.cost) : null;
  if (gatewayCost !== null) out.costUsd = gatewayCost;

  const toolName = str(a, "ai.toolCall.name");
  if (toolName) {
    out.tool = {
      name: toolName,
      callId: str(a, "ai.toolCall.id"),
      arguments: asJsonText(a["ai.toolCall.args"] ?? a["ai.toolCall.input"]),
      result: toolResult(a["ai.toolCall.result"] ?? a["ai.toolCall.output"]),
    };
  }
  const m = "ai.telemetry.metadata.";
  const session = firstStr(a, [m + "sessionId", m + "session_id", m + "sessionID"]);
  if (session) out.sessionId = session;
  const user = firstStr(a, [m + "userId", m + "user_id", m + "userID"]);
  if (user) out.userId = user;
  const conversation = firstStr(a, [m + "conversationId", m + "conversation_id", m + "threadId"]);
  if (conversation) out.conversationId = conversation;
  const agent = firstStr(a, [m + "agentName", m + "agent_name", m + "agent", "ai.telemetry.functionId"]);
  if (agent) out.agentName = agent;
  return out;
}

/** The Vercel AI SDK mapper (ai.operationId and ai.* attributes). */
export const vercelAiMapper: SpanMapper = {
  name: "vercel-ai",
  detect: (span) => operationId(span) !== null,
  map,
  consumes,
};
