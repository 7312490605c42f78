/**
 * Reading a span's content as chat messages: its input, the decision it produced, its
 * text. Shared by the replay bundle and the judge's transcript.
 */
import type { ChatMessage, NormalizedSpan, SpanContent } from "@onset/otlp";
import { chatRole } from "./openai-messages";

/** The plain text of a span's input or output (messages joined), "" when none. */
export function contentText(content: SpanContent | null): string {
  if (!content) return "";
  if (content.kind === "text") return content.text;
  if (content.kind === "json") return typeof content.value === "string" ? content.value : JSON.stringify(content.value);
  return content.messages.map((m) => m.content).filter((t) => t.length > 0).join("\n");
}

/** A span's input as chat messages (plain text becomes one user message). */
export function inputMessages(span: NormalizedSpan | undefined): ChatMessage[] {
  if (!span?.input) return [];
  if (span.input.kind === "messages") return span.input.messages;
  const text = contentText(span.input);
  return text ? [{ role: "user", content: text }] : [];
}

/** The assistant message a decision produced: its last assistant output message, else its text. */
export function decisionMessage(span: NormalizedSpan | undefined, agentName: string): ChatMessage | null {
  if (!span?.output) return null;
  if (span.output.kind === "messages") {
    const assistants = span.output.messages.filter((m) => chatRole(m.role) === "assistant");
    if (assistants.length === 0) return null;
    // Several choices or chunks: one message with all of their text and calls.
    return {
      role: "assistant",
      content: assistants.map((m) => m.content).filter((t) => t.length > 0).join("\n"),
      name: assistants[0]!.name ?? agentName,
      toolCalls: assistants.flatMap((m) => m.toolCalls ?? []),
    };
  }
  return { role: "assistant", content: contentText(span.output), name: agentName };
}
