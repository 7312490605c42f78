import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from "@opentelemetry/semantic-conventions";
import type { ScenarioExpectations, ScenarioName } from "../scenarios/expectations";
import { SCENARIOS } from "../scenarios/registry";
import type { ScenarioContext, ScenarioOptions } from "../scenarios/scenario";
import { genAiConvention } from "../telemetry/genai-convention";
import { openInferenceConvention } from "../telemetry/openinference-convention";
import { RunClock } from "../telemetry/run-clock";
import type { SpanConvention, Variant } from "../telemetry/span-convention";
import { createOtlpTraceExporter, type ExporterOptions } from "./otlp-exporter";
import { TallyingExporter } from "./tallying-exporter";

/** Options for producing a scenario's spans, wherever they go. */
export interface RunOptions extends ScenarioOptions {
  /** Attribute vocabulary (default "genai"). */
  variant?: Variant;
  /** Real wait between agent steps in ms (default 0); lets alert tests watch a run in flight. */
  delayMs?: number;
  /** service.name resource attribute (default "onset-example-agent"). */
  serviceName?: string;
  /** More resource attributes, e.g. `{"onset.replay.of": <traceId>}` for a run replaying another. */
  resourceAttributes?: Record<string, string>;
  /** Batch (default: one request per batch, sent every batchDelayMs) or simple (one request per span). */
  spanProcessor?: "batch" | "simple";
  /** BatchSpanProcessor scheduledDelayMillis (default 200), short so spans arrive while the root is open. */
  batchDelayMs?: number;
  /** Epoch ms the run starts at (default: so that the run ends now). Pins timestamps for fixtures. */
  startTimeMs?: number;
}

/** Options for sending a scenario to an OTLP endpoint. */
export type RemoteRunOptions = RunOptions & ExporterOptions;

/** What a scenario run produced. */
export interface ScenarioRun {
  scenario: ScenarioName;
  variant: Variant;
  /** Trace id of the (first) run. */
  traceId: string;
  /** Trace id of every run, in order (two for contaminated-pair). */
  traceIds: string[];
  expectations: ScenarioExpectations;
  /** What the exporter delivered. */
  exported: { spans: number; batches: number };
}

/** The exporter reported failures; the message carries the first one (e.g. 401 for a bad key). */
export class ExportFailedError extends Error {
  override name = "ExportFailedError";
  constructor(
    readonly failures: Error[],
    readonly run: ScenarioRun,
  ) {
    super(`${failures.length} span export(s) failed for scenario ${run.scenario}: ${failures[0]?.message ?? "unknown error"}`);
  }
}

const SERVICE_VERSION = "0.1.0";
const CONVENTIONS: Record<Variant, SpanConvention> = { genai: genAiConvention, openinference: openInferenceConvention };

function scenarioFor(name: ScenarioName) {
  const scenario = SCENARIOS[name];
  if (!scenario) throw new Error(`unknown scenario ${String(name)}; known: ${Object.keys(SCENARIOS).join(", ")}`);
  return scenario;
}

/**
 * Virtual length of a scenario run, measured by running it once into a provider
 * with no processors (spans are created and dropped). Scenarios are deterministic,
 * so the real run has the same length.
 */
async function measureDurationMs(name: ScenarioName, convention: SpanConvention, options: ScenarioOptions): Promise<number> {
  const clock = new RunClock(0, { delayMs: 0, live: false });
  const tracer = new BasicTracerProvider().getTracer("dry-run");
  await scenarioFor(name).run({ tracer, convention, clock, options, delayMs: 0 });
  return clock.virtualElapsedMs;
}

/**
 * Runs a scenario with its spans going to any SpanExporter (an InMemorySpanExporter
 * in tests, an OTLP exporter in runScenario). Flushes and shuts the provider down
 * before returning; throws ExportFailedError if any export failed.
 */
export async function runScenarioToExporter(name: ScenarioName, exporter: SpanExporter, options: RunOptions = {}): Promise<ScenarioRun> {
  const scenario = scenarioFor(name);
  const variant = options.variant ?? "genai";
  const convention = CONVENTIONS[variant];
  const delayMs = Math.max(0, options.delayMs ?? 0);
  const anchor = options.startTimeMs ?? Date.now() - (await measureDurationMs(name, convention, options));

  const tally = new TallyingExporter(exporter);
  const processor =
    options.spanProcessor === "simple"
      ? new SimpleSpanProcessor(tally)
      : new BatchSpanProcessor(tally, {
          scheduledDelayMillis: options.batchDelayMs ?? 200,
          maxExportBatchSize: 512,
          // Long runs end thousands of spans faster than a collector may take them;
          // a deep queue keeps the SDK from dropping any.
          maxQueueSize: 1 << 17,
        });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      ...options.resourceAttributes,
      [ATTR_SERVICE_NAME]: options.serviceName ?? "onset-example-agent",
      [ATTR_SERVICE_VERSION]: SERVICE_VERSION,
    }),
    spanProcessors: [processor],
  });
  const ctx: ScenarioContext = {
    tracer: provider.getTracer(convention.scopeName, SERVICE_VERSION),
    convention,
    clock: new RunClock(anchor, { delayMs, live: true }),
    options,
    delayMs,
  };
  let expectations: ScenarioExpectations;
  try {
    expectations = await scenario.run(ctx);
  } finally {
    // Failures surface through the tally below, not as a rejected flush.
    await provider.forceFlush().catch(() => undefined);
    await provider.shutdown().catch(() => undefined);
  }
  const run: ScenarioRun = {
    scenario: name,
    variant,
    traceId: expectations.runs[0]?.traceId ?? "",
    traceIds: expectations.runs.map((r) => r.traceId),
    expectations,
    exported: { spans: tally.spans, batches: tally.batches },
  };
  if (tally.failures.length > 0) throw new ExportFailedError(tally.failures, run);
  return run;
}

/**
 * Runs a scenario and sends its spans with the real OTLP exporter for the protocol
 * to `endpoint`; returns trace ids and expectations once everything is delivered.
 */
export async function runScenario(name: ScenarioName, options: RemoteRunOptions): Promise<ScenarioRun> {
  return runScenarioToExporter(name, createOtlpTraceExporter(options), options);
}
