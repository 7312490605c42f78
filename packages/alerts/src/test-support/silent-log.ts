/** A logger for tests that keeps what was logged (to assert on, or to print on failure). */
import type { AlertLogger } from "../delivery-worker";

/** A logger recording lines instead of printing them. */
export function memoryLog(): AlertLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}
