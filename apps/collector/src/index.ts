// Public surface of @onset/collector: start the OTLP receivers in-process.
export { startCollector, type StartCollectorOptions, type RunningCollector } from "./collector";
export { collectorConfig, type CollectorConfig } from "./config";
export { KeyResolver } from "./auth";
export { COLLECTOR_NODE_FLAGS } from "./node-flags";
