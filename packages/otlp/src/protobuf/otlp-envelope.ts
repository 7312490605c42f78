/**
 * The parts of an OTLP export request that traces and logs share (opentelemetry-proto
 * resource/v1, common/v1 and the ResourceSpans/ResourceLogs and ScopeSpans/ScopeLogs envelopes): the resource's attributes,
 * the instrumentation scope, ids as hex, and reading each record (span, log record)
 * bounded by its own length prefix so a broken one is refused alone.
 */
import type { Attributes } from "../normalized-span";
import { readKeyValue } from "./any-value";
import { delimitedEnd, skipField } from "./wire";
import type { Reader } from "./wire";

/** Resource {1 attributes, 2 dropped_attributes_count}: its attributes. */
export function readResourceAttributes(r: Reader, end: number): Attributes {
  const attributes: Attributes = {};
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) readKeyValue(r, delimitedEnd(r), attributes, 0);
    else skipField(r, tag);
  }
  return attributes;
}

/**
 * InstrumentationScope {1 name, 2 version, 3 attributes} into `scope`; returns the
 * attributes when there are any and `withAttributes` is set (else they are skipped).
 */
export function readScope(r: Reader, end: number, scope: { name: string | null; version: string | null }, withAttributes: boolean): Attributes | null {
  let attributes: Attributes | null = null;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) scope.name = r.string() || null;
    else if (tag === 18) scope.version = r.string() || null;
    else if (tag === 26 && withAttributes) readKeyValue(r, delimitedEnd(r), (attributes ??= {}), 0);
    else skipField(r, tag);
  }
  return attributes;
}

/** Read raw id bytes as hex, noting a wrong length among the record's problems. */
export function readId(r: Reader, bytes: number, field: string, record: { problems: string[] | null }): string {
  const end = delimitedEnd(r);
  const length = end - r.pos;
  const hex = (r.buf as Buffer).toString("hex", r.pos, end);
  r.pos = end;
  if (length === 0) return "";
  if (length !== bytes) (record.problems ??= []).push(`${field} must be ${bytes} bytes, got ${length}`);
  return hex;
}

/**
 * Reads each field 2 (the records: spans, log records) of a Scope* message up to `end`
 * with `read`, the reader's limit set to the record's end so a corrupt record never
 * reads into its neighbour; a record that throws is refused through `reject` with
 * "malformed <what> protobuf: <reason>" and the others are kept.
 */
export function readEachRecord(r: Reader, end: number, what: string, read: (recordEnd: number) => void, reject: (reason: string) => void): void {
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag !== 18) {
      skipField(r, tag);
      continue;
    }
    const recordEnd = delimitedEnd(r);
    const savedLimit = r.len;
    r.len = recordEnd;
    try {
      read(recordEnd);
    } catch (error) {
      reject(`malformed ${what} protobuf: ${(error as Error)?.message ?? String(error)}`);
    } finally {
      r.len = savedLimit;
      r.pos = recordEnd;
    }
  }
}
