import type { Attributes, SpanType } from "../normalized-span";
import { asJsonText, firstStr, str } from "../normalize/attribute-values";
import { contentFromValue } from "../normalize/content";
import type { MappableSpan, MappedFields, SpanMapper } from "../normalize/mapper";
import { hasKeyWithPrefix, keyMatcher } from "../normalize/mapper";

/**
 * OpenLLMetry / Traceloop SDKs (traceloop/openllmetry, semconv-ai). Workflow, agent,
 * tool and task spans carry `traceloop.span.kind` with traceloop.entity.{name,input,
 * output}; LLM spans from its instrumentations carry `llm.request.type` plus gen_ai.*
 * (which the OTel GenAI mapper reads, including the flattened gen_ai.prompt.N.*).
 * Association properties (traceloop.association.properties.*) are copied onto every
 * span in the workflow, so session and user ids come from there.
 * Tokens: gen_ai.usage.prompt_tokens/input_tokens include cached tokens (its Anthropic
 * instrumentation adds cache read and creation to the prompt count).
 */

const KIND_TYPES: Record<string, SpanType> = { workflow: "chain", task: "chain", agent: "agent", tool: "tool" };
const REQUEST_TYPES: Record<string, SpanType> = { chat: "llm", completion: "llm", embedding: "embedding", rerank: "retriever" };
const ASSOC = "traceloop.association.properties.";

const SESSION_KEYS = ["session_id", "sessionId", "session.id"];
const USER_KEYS = ["user_id", "userId", "user.id"];
const CONVERSATION_KEYS = ["conversation_id", "conversationId", "thread_id"];

/**
 * The keys read here; traceloop.entity.path, traceloop.workflow.name, llm.usage.total_tokens,
 * llm.headers, llm.is_streaming and other association properties stay in attributes
 * (diagnostics list them).
 */
const consumes = keyMatcher({
  exact: [
    "traceloop.span.kind",
    "traceloop.entity.name",
    "traceloop.entity.input",
    "traceloop.entity.output",
    "llm.request.type",
    ...[...SESSION_KEYS, ...USER_KEYS, ...CONVERSATION_KEYS].map((n) => ASSOC + n),
  ],
});

function association(attributes: Attributes, names: readonly string[]): string | null {
  return firstStr(attributes, names.map((n) => ASSOC + n));
}

function map(span: MappableSpan): MappedFields {
  const a = span.attributes;
  const out: MappedFields = {};
  const kind = str(a, "traceloop.span.kind")?.toLowerCase();
  const requestType = str(a, "llm.request.type")?.toLowerCase();
  const type = (kind ? KIND_TYPES[kind] : undefined) ?? (requestType ? REQUEST_TYPES[requestType] : undefined);
  if (type) out.type = type;

  const input = contentFromValue(a["traceloop.entity.input"]);
  const output = contentFromValue(a["traceloop.entity.output"]);
  if (input) out.input = input;
  if (output) out.output = output;

  const entity = str(a, "traceloop.entity.name");
  if (type === "tool" && entity) {
    out.tool = { name: entity, arguments: asJsonText(a["traceloop.entity.input"]), result: asJsonText(a["traceloop.entity.output"]) };
  }
  if (type === "agent" && entity) out.agentName = entity;

  const session = association(a, SESSION_KEYS);
  if (session) out.sessionId = session;
  const user = association(a, USER_KEYS);
  if (user) out.userId = user;
  const conversation = association(a, CONVERSATION_KEYS);
  if (conversation) out.conversationId = conversation;
  return out;
}

function detect(span: MappableSpan): boolean {
  const a = span.attributes;
  return (
    hasKeyWithPrefix(a, "traceloop.") ||
    "llm.request.type" in a ||
    "llm.usage.total_tokens" in a ||
    (span.scopeName ?? "").startsWith("@traceloop/")
  );
}

/** The OpenLLMetry/Traceloop mapper (traceloop.*, llm.request.type, llm.usage.*). */
export const openLlmetryMapper: SpanMapper = { name: "openllmetry", detect, map, consumes };
