"use client";
/**
 * Span content as text: chat messages as a conversation, tool arguments and results
 * as a collapsible JSON tree when they are JSON, attributes as a table, events as a
 * list; copy buttons on messages, arguments and results. Every value is untrusted and
 * reaches the DOM only as React text children (web brief).
 */
import type { ChatMessage, SpanContent, SpanEvent } from "@onset/otlp";
import { Fragment } from "react";
import { parseContent, sortedAttributes } from "@/lib/run-content";
import { formatOffset } from "@/lib/run-waterfall";
import { CopyButton } from "./copy-button";
import { JsonView } from "./json-view";
import styles from "./run.module.css";

/** A tool argument/result or other text block: a JSON tree when valid JSON, else as sent; with a copy button. */
export function ContentBlock({ value, testId, what }: { value: string | null | undefined; testId?: string; what?: string }) {
  if (value === null || value === undefined) return <p className="muted small">none</p>;
  const parsed = parseContent(value);
  return (
    <div className={styles.block}>
      {what && <CopyButton text={value} what={what} />}
      {parsed.kind === "json" ? (
        <JsonView value={parsed.value} testId={testId} />
      ) : (
        <pre className={styles.pre} data-format="text" data-testid={testId}>
          {parsed.text}
        </pre>
      )}
    </div>
  );
}

/** A span's input or output, whatever form it came in. */
export function SpanContentView({ content, testId }: { content: SpanContent | null; testId?: string }) {
  if (!content) return <p className="muted small">none recorded</p>;
  switch (content.kind) {
    case "messages":
      return <ChatMessages messages={content.messages} testId={testId} />;
    case "text":
      return <ContentBlock value={content.text} testId={testId} what="text" />;
    case "json":
      return (
        <div className={styles.block}>
          <CopyButton text={JSON.stringify(content.value, null, 2)} what="JSON" />
          <JsonView value={content.value} testId={testId} />
        </div>
      );
  }
}

/** Messages as a chat: role, text, and the tool calls an assistant asked for; each copyable. */
export function ChatMessages({ messages, testId }: { messages: ChatMessage[]; testId?: string }) {
  if (messages.length === 0) return <p className="muted small">no messages</p>;
  return (
    <ol className={styles.chat} data-testid={testId}>
      {messages.map((m, i) => (
        <li key={i} className={styles.message} data-role={m.role}>
          <div className={styles.messageHead}>
            <span className={styles.role}>{m.role}</span>
            {m.name && <span className="muted small"> {m.name}</span>}
            {m.toolCallId && <span className="muted small"> · reply to {m.toolCallId}</span>}
            {m.finishReason && <span className="muted small"> · {m.finishReason}</span>}
            {m.content && <CopyButton text={m.content} what={`${m.role} message`} />}
          </div>
          {m.content && <div className={styles.messageText}>{m.content}</div>}
          {m.toolCalls?.map((call, k) => (
            <div key={k} className={styles.toolCall}>
              <div className="small">
                calls <strong>{call.name}</strong>
                {call.id && <span className="muted"> ({call.id})</span>}
              </div>
              <ContentBlock value={call.arguments} what={`${call.name} arguments`} />
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}

/** A dotted attribute key with break opportunities after its dots and underscores only (never mid-word). */
function AttributeKey({ name }: { name: string }) {
  const parts = name.split(/(?<=[._/-])/);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}

/** Attributes as a two-column table, keys sorted; JSON values as a tree; `hidden` keys left out (shown elsewhere). */
export function AttributesTable({ attributes, testId, hidden }: { attributes: Record<string, unknown>; testId?: string; hidden?: ReadonlySet<string> }) {
  const rows = sortedAttributes(attributes).filter(([k]) => !hidden?.has(k));
  if (rows.length === 0) return <p className="muted small">none</p>;
  return (
    <table className={styles.attrs} data-testid={testId}>
      <tbody>
        {rows.map(([k, v]) => {
          const parsed = parseContent(v);
          return (
            <tr key={k}>
              <th scope="row">
                <AttributeKey name={k} />
              </th>
              <td>{parsed.kind === "json" ? <JsonView value={parsed.value} /> : v}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Span events with their offset from the span start. */
export function EventsList({ events, spanStartMs }: { events: SpanEvent[]; spanStartMs: number }) {
  if (events.length === 0) return <p className="muted small">none</p>;
  return (
    <ol className={styles.events}>
      {events.map((ev, i) => (
        <li key={i}>
          <strong>{ev.name}</strong> <span className="muted small">+{formatOffset(Math.max(0, ev.timeMs - spanStartMs))}</span>
          {Object.keys(ev.attributes).length > 0 && <AttributesTable attributes={ev.attributes} />}
        </li>
      ))}
    </ol>
  );
}
