"use client";
import { useState } from "react";
import styles from "./run.module.css";

/** A small "Copy" button that puts `text` on the clipboard and says so for a moment. */
export function CopyButton({ text, label = "Copy", what }: { text: string; label?: string; what?: string }) {
  const [done, setDone] = useState<"copied" | "failed" | null>(null);
  return (
    <button
      type="button"
      className={styles.copyButton}
      aria-label={what ? `Copy ${what}` : label}
      title={what ? `Copy ${what}` : undefined}
      data-testid="copy-button"
      onClick={(e) => {
        e.stopPropagation();
        navigator.clipboard.writeText(text).then(
          () => setDone("copied"),
          () => setDone("failed"),
        );
        setTimeout(() => setDone(null), 1500);
      }}
    >
      {done === "copied" ? "Copied" : done === "failed" ? "Copy failed" : label}
    </button>
  );
}
