/** Collector settings from the environment, with the defaults apps/collector/README.md lists. */

/** Resolved collector configuration. */
export interface CollectorConfig {
  httpPort: number;
  grpcPort: number;
  host: string;
  /** Largest request body accepted, after decompression (bytes). */
  maxBodyBytes: number;
  /** String attribute values longer than this are truncated with a marker. */
  maxAttributeBytes: number;
  /** Spans waiting for commit before new exports get 503 + Retry-After. */
  maxQueuedSpans: number;
  /** Most spans per group-commit transaction (SpanWriter maxBatchSpans). */
  ingestBatchSpans: number;
  /** Group-commit transactions in flight at once, one connection each. */
  ingestConcurrency: number;
  /** How long a flush waits for more exports to join it (ms). */
  ingestLingerMs: number;
}

const int = (v: string | undefined, d: number) => {
  const n = v === undefined || v === "" ? NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : d;
};

/** Reads the collector's variables. */
export function collectorConfig(env: NodeJS.ProcessEnv = process.env): CollectorConfig {
  return {
    httpPort: int(env.ONSET_OTLP_HTTP_PORT, 4318),
    grpcPort: int(env.ONSET_OTLP_GRPC_PORT, 4317),
    host: env.ONSET_HOST ?? "0.0.0.0",
    maxBodyBytes: int(env.ONSET_MAX_BODY_BYTES, 16 * 1024 * 1024),
    maxAttributeBytes: int(env.ONSET_MAX_ATTRIBUTE_BYTES, 64 * 1024),
    maxQueuedSpans: int(env.ONSET_MAX_QUEUED_SPANS, 100_000),
    // 1,024 spans x 3 transactions measured best on 2 cores (docs/benchmarks.md,
    // "Ingestion"): smaller transactions overlap COPY, commit and decoding.
    ingestBatchSpans: Math.max(1, int(env.ONSET_INGEST_BATCH_SPANS, 1024)),
    ingestConcurrency: Math.max(1, int(env.ONSET_INGEST_CONCURRENCY, 3)),
    ingestLingerMs: int(env.ONSET_INGEST_LINGER_MS, 4),
  };
}
