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
  /** Sustained spans per second per project (0: unlimited). */
  spansPerSec: number;
  /** Spans a project may send at once after a quiet spell. */
  burstSpans: number;
  /** Most spans stored per trace (0: unlimited). */
  maxSpansPerTrace: number;
  /** Fraction of maxQueuedSpans one project may have waiting for commit. */
  projectQueueShare: number;
  /** Request bytes (after inflation) one project may send per UTC day (0: unlimited). */
  bytesPerDay: number;
  /** Most attributes one span keeps (0: no cap). */
  maxSpanAttributes: number;
  /** Open OTLP/HTTP connections at once; more are refused by the socket. */
  maxConnections: number;
  /** Open OTLP/gRPC connections at once; more are closed as they arrive. */
  maxGrpcConnections: number;
  /** Time a client has to send its request headers (ms). */
  headersTimeoutMs: number;
  /** Time a client has to send its whole request (ms). */
  requestTimeoutMs: number;
  /** Idle keep-alive connections close after this (ms). */
  keepAliveTimeoutMs: number;
  /** How often event-loop delay and memory are logged (ms; 0: never). */
  statsIntervalMs: number;
}

const fraction = (v: string | undefined, d: number) => {
  const n = v === undefined || v === "" ? NaN : Number(v);
  return Number.isFinite(n) && n > 0 && n <= 1 ? n : d;
};

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
    // Quotas (quotas.ts): generous by default, above what one collector can commit.
    spansPerSec: int(env.ONSET_INGEST_SPANS_PER_SEC, 50_000),
    burstSpans: int(env.ONSET_INGEST_BURST_SPANS, 500_000),
    maxSpansPerTrace: int(env.ONSET_MAX_SPANS_PER_TRACE, 100_000),
    projectQueueShare: fraction(env.ONSET_PROJECT_QUEUE_SHARE, 0.5),
    bytesPerDay: int(env.ONSET_INGEST_BYTES_PER_DAY, 100 * 1024 ** 3),
    maxSpanAttributes: int(env.ONSET_MAX_SPAN_ATTRIBUTES, 1000),
    // Connection limits (http-server.ts): slow or idle clients cannot hold the server.
    maxConnections: Math.max(1, int(env.ONSET_OTLP_MAX_CONNECTIONS, 1024)),
    maxGrpcConnections: Math.max(1, int(env.ONSET_OTLP_GRPC_MAX_CONNECTIONS, 1024)),
    headersTimeoutMs: Math.max(1000, int(env.ONSET_OTLP_HEADERS_TIMEOUT_MS, 10_000)),
    requestTimeoutMs: Math.max(1000, int(env.ONSET_OTLP_REQUEST_TIMEOUT_MS, 30_000)),
    keepAliveTimeoutMs: Math.max(1000, int(env.ONSET_OTLP_KEEPALIVE_TIMEOUT_MS, 15_000)),
    statsIntervalMs: int(env.ONSET_COLLECTOR_STATS_MS, 0),
  };
}
