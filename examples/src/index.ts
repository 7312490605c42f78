/**
 * @onset/examples: a scripted multi-agent workflow instrumented with the real OTel
 * SDK, its diagnostic scenarios with their expected diagnoses, and a runner that
 * sends them to any OTLP endpoint.
 */
export { runScenario, runScenarioToExporter, ExportFailedError } from "./runner/run-scenario";
export type { RunOptions, RemoteRunOptions, ScenarioRun } from "./runner/run-scenario";
export { collectScenarioSpans } from "./runner/collect-spans";
export { runDemoMix, demoMixPlan } from "./runner/demo-mix";
export type { DemoMixOptions, DemoProgress } from "./runner/demo-mix";
export { createOtlpTraceExporter, httpTracesUrl, grpcUrl, OTLP_PROTOCOLS } from "./runner/otlp-exporter";
export type { ExporterOptions, OtlpProtocol } from "./runner/otlp-exporter";
export { describeRun } from "./runner/describe-run";
export { scenarioNames, isScenarioName, SCENARIOS } from "./scenarios/registry";
export type { ScenarioOptions, ScenarioDefinition } from "./scenarios/scenario";
export type {
  ScenarioName,
  ScenarioExpectations,
  SuccessExpectations,
  FailureExpectations,
  LoopExpectations,
  RunawayCostExpectations,
  ContaminatedPairExpectations,
  LongExpectations,
  RunSummary,
  StepRef,
} from "./scenarios/expectations";
export { VARIANTS } from "./telemetry/span-convention";
export type { Variant } from "./telemetry/span-convention";
export { ATTR_ONSET_TASK } from "./telemetry/run-recorder";
export { TraceView, byStart, startMs, endMs } from "./testing/trace-view";
export { MODELS, listPriceCostUsd } from "./model/models";
export type { ModelName, ModelInfo } from "./model/models";
export { parseCliArgs, parseOtlpHeaders, USAGE } from "./cli-args";
export { startFakeChatEndpoint } from "./testing/fake-chat-endpoint";
export type { FakeChatEndpoint, FakeChatAnswer, FakeChatRequest } from "./testing/fake-chat-endpoint";
