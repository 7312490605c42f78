// Test helpers other packages' tests use to drive alerts end to end (vitest only):
// a tracer exporting to a collector, a webhook receiver, a logger that keeps its lines.
export { otelRun, chatAttributes, type OtelRun } from "./otel-run";
export { memoryLog } from "./silent-log";
export { startWebhookReceiver, type ReceivedHook, type WebhookReceiver } from "./webhook-receiver";
