/**
 * Errors the importers throw. Both are user errors: the bytes arrived but cannot be read
 * as a run, so they are OnsetErrors with status 422 and code `unreadable_artifact`, which
 * the upload endpoint answers with (docs/spec/design.md §5: one hierarchy carrying an
 * HTTP status; docs/spec/public-api.md "Import").
 */
import { OnsetError } from "@onset/otlp";
import type { z } from "zod";

/** Base class: an artifact could not be imported (422 `unreadable_artifact`). */
export class ImportError extends OnsetError {
  constructor(message: string) {
    super(422, "unreadable_artifact", message);
  }
}

/** One format's verdict, as listed in an UnknownFormatError. */
export interface FormatAttempt {
  format: string;
  confidence: number;
  reason: string;
}

/** No extractor recognised the artifact; the message names each format tried and why it did not match. */
export class UnknownFormatError extends ImportError {
  readonly fileName: string;
  readonly attempts: FormatAttempt[];
  constructor(fileName: string, attempts: FormatAttempt[], note?: string) {
    const lines = attempts.map((a) => `  - ${a.format}: ${a.reason}`);
    const why = note ? ` (${note})` : "";
    super(`Unrecognised run artifact ${fileName}${why}; formats tried:\n${lines.join("\n")}`);
    this.fileName = fileName;
    this.attempts = attempts;
  }
}

/** The artifact is (or was forced to be) a known format but breaks its contract. */
export class MalformedArtifactError extends ImportError {
  readonly fileName: string;
  readonly format: string;
  readonly problem: string;
  constructor(fileName: string, format: string, problem: string) {
    super(`Malformed ${format} artifact ${fileName}: ${problem}`);
    this.fileName = fileName;
    this.format = format;
    this.problem = problem;
  }
}

/** Renders zod issues as "path: message" lines (at most `max`), the path in JS accessor form. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], max = 5): string {
  const shown = issues.slice(0, max).map((issue) => {
    const { path, message } = innermost(issue);
    return `${formatPath(path)}: ${message}`;
  });
  const more = issues.length > max ? `; and ${issues.length - max} more` : "";
  return shown.join("; ") + more;
}

// A union failure only says "Invalid input"; the first alternative's first issue (the
// main shape, by convention listed first) says what is actually wrong.
function innermost(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string } {
  if (issue.code === "invalid_union") {
    const inner = issue.errors[0]?.[0];
    if (inner) {
      const deeper = innermost(inner);
      return { path: [...issue.path, ...deeper.path], message: deeper.message };
    }
  }
  return { path: [...issue.path], message: issue.message };
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}
