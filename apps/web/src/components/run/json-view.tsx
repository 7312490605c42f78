"use client";
/**
 * JSON as a collapsible tree: objects and arrays fold (the first two levels open), keys
 * are never broken mid-word, strings keep their line breaks. Every value is rendered as
 * a React text child: span content is untrusted.
 */
import type { ReactNode } from "react";
import styles from "./run.module.css";

const OPEN_DEPTH = 2;
/** Past this many entries a level starts folded, so a huge array does not flood the pane. */
const OPEN_MAX_ENTRIES = 50;

function scalar(v: unknown): ReactNode {
  if (v === null) return <span className={styles.jsonNull}>null</span>;
  if (typeof v === "string") return <span className={styles.jsonString}>&quot;{v}&quot;</span>;
  if (typeof v === "number" || typeof v === "boolean") return <span className={styles.jsonNumber}>{String(v)}</span>;
  return <span>{String(v)}</span>;
}

function Node({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const label = name === null ? null : <span className={styles.jsonKey}>{name}: </span>;
  if (value === null || typeof value !== "object") {
    return (
      <div className={styles.jsonLine}>
        {label}
        {scalar(value)}
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value as Record<string, unknown>);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <div className={styles.jsonLine}>
        {label}
        {open}
        {close}
      </div>
    );
  }
  return (
    <details className={styles.jsonNode} open={depth < OPEN_DEPTH && entries.length <= OPEN_MAX_ENTRIES}>
      <summary>
        {label}
        {open}
        <span className={styles.jsonCount}>
          {" "}
          {entries.length} {Array.isArray(value) ? (entries.length === 1 ? "item" : "items") : entries.length === 1 ? "key" : "keys"}{" "}
        </span>
      </summary>
      <div className={styles.jsonChildren}>
        {entries.map(([k, v]) => (
          <Node key={k} name={Array.isArray(value) ? null : k} value={v} depth={depth + 1} />
        ))}
      </div>
      <div className={styles.jsonLine}>{close}</div>
    </details>
  );
}

/** A parsed JSON value as a collapsible tree. */
export function JsonView({ value, testId }: { value: unknown; testId?: string }) {
  return (
    <div className={styles.json} data-format="json" data-testid={testId}>
      <Node name={null} value={value} depth={0} />
    </div>
  );
}
