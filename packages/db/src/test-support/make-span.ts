/** Builds normalized spans for tests with only the fields a case cares about. */
import { normalizedSpan, type NormalizedSpan } from "@onset/otlp";

/** A normalized span with defaults (@onset/otlp's normalizedSpan, one second on 2026-11-20); override what the test needs. */
export function makeSpan(over: Partial<NormalizedSpan> & Pick<NormalizedSpan, "traceId" | "spanId">): NormalizedSpan {
  return normalizedSpan({
    startTimeMs: Date.UTC(2026, 10, 20, 12, 0, 0),
    endTimeMs: Date.UTC(2026, 10, 20, 12, 0, 1),
    ...over,
  });
}
