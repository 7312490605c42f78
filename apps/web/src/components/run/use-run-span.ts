"use client";
/** One span in full, read once per run and span and shared by the detail pane and the banner (react-query key `["run-span", traceId, spanId]`). */
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "@/lib/api-client";
import type { SpanResponse } from "@/contracts/run";

/** GET /runs/{traceId}/spans/{spanId}; disabled while spanId is null. */
export function useRunSpan(traceId: string | null, spanId: string | null) {
  return useQuery({
    queryKey: ["run-span", traceId, spanId],
    queryFn: () => apiGet<SpanResponse>(`/runs/${encodeURIComponent(traceId!)}/spans/${encodeURIComponent(spanId!)}`),
    enabled: traceId !== null && spanId !== null,
    staleTime: 60_000,
  });
}
