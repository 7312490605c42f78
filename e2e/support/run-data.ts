/**
 * Putting runs into the e2e Onset the way users do: the examples' scenarios through
 * the real OTLP exporter, or a raw OTLP/JSON request to the collector (for payloads no
 * instrumentation would produce on its own, like the XSS spec's).
 */
import { runScenario, type ScenarioName, type ScenarioRun } from "@onset/examples";
import { E2E } from "./env";

/** Sends a scenario over OTLP/HTTP protobuf with the e2e API key; resolves once the collector acknowledged every span. */
export function sendScenario(name: ScenarioName, opts: { size?: number } = {}): Promise<ScenarioRun> {
  return runScenario(name, {
    endpoint: E2E.otlpHttpUrl,
    headers: { Authorization: `Bearer ${E2E.apiKey}` },
    protocol: "http/protobuf",
    ...opts,
  });
}

/**
 * POSTs an OTLP/JSON ExportTraceServiceRequest to the collector (with the e2e key, or
 * `apiKey` for another project); throws on a non-2xx answer or a partial rejection.
 */
export async function postOtlpJson(body: unknown, apiKey: string = E2E.apiKey): Promise<void> {
  const res = await fetch(`${E2E.otlpHttpUrl}/v1/traces`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`collector answered ${res.status}: ${text}`);
  const parsed = text ? (JSON.parse(text) as { partialSuccess?: { rejectedSpans?: string | number } }) : {};
  if (Number(parsed.partialSuccess?.rejectedSpans ?? 0) > 0) throw new Error(`collector rejected spans: ${text}`);
}

/** The JSON API with the e2e key. */
export async function apiJson<T>(path: string): Promise<T> {
  const res = await fetch(`${E2E.webUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${E2E.apiKey}` } });
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}
