"use client";
import { useState } from "react";

/**
 * A small "Copy" button putting `text` on the clipboard and saying so; where the browser
 * refuses (plain http on a LAN address) it says to copy by hand.
 */
export function CopyButton({ text, label = "Copy", what }: { text: string; label?: string; what: string }) {
  const [state, setState] = useState<"idle" | "copied" | "refused">("idle");
  return (
    <button
      type="button"
      className="copy-button"
      aria-label={`Copy ${what}`}
      title={state === "refused" ? "The browser refused clipboard access: select the text and copy it" : `Copy ${what}`}
      onClick={(e) => {
        e.stopPropagation();
        const done = (s: "copied" | "refused") => {
          setState(s);
          window.setTimeout(() => setState("idle"), 1500);
        };
        if (!navigator.clipboard) return done("refused");
        navigator.clipboard.writeText(text).then(
          () => done("copied"),
          () => done("refused"),
        );
      }}
    >
      {state === "copied" ? "Copied" : state === "refused" ? "Copy by hand" : label}
    </button>
  );
}
