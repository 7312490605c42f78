/**
 * Schema checks at the artifact boundary (docs/spec/design.md §5: schemas at every boundary).
 * Extractors declare, with zod, only the fields they read; a violation becomes a
 * MalformedArtifactError naming the file, the format and the offending paths.
 */
import type { z } from "zod";
import type { ArtifactInput } from "./artifact-input";
import { MalformedArtifactError, describeIssues } from "./errors";

/** Parses `value` with `schema` or throws MalformedArtifactError for `input` as `format`. */
export function validateArtifact<S extends z.ZodType>(
  schema: S,
  value: unknown,
  input: ArtifactInput,
  format: string,
  where = "",
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const prefix = where ? `${where}: ` : "";
  throw new MalformedArtifactError(input.fileName, format, prefix + describeIssues(parsed.error.issues));
}

/** The whole artifact as one JSON document, or MalformedArtifactError naming the syntax error. */
export function requireJson(input: ArtifactInput, format: string): unknown {
  const parsed = input.json();
  if (!parsed.ok) throw new MalformedArtifactError(input.fileName, format, `not valid JSON (${parsed.error})`);
  return parsed.value;
}
