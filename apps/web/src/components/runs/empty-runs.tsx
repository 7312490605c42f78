"use client";
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "@/lib/api-client";
import type { SetupInfo } from "@/contracts/setup";

/** The empty state: exactly how to point an OpenTelemetry exporter at Onset. */
export function EmptyRuns() {
  const setup = useQuery({ queryKey: ["setup"], queryFn: () => apiGet<SetupInfo>("/setup") });
  const endpoint = setup.data?.otlpHttpEndpoint ?? "http://localhost:4318";
  const prefix = setup.data?.keyPrefixes[0];
  return (
    <div className="card empty" data-testid="empty-runs">
      <h2>No runs yet</h2>
      <p>Point your agent&apos;s OpenTelemetry exporter at Onset. Set these two variables where the agent runs:</p>
      <pre className="code">
        {`OTEL_EXPORTER_OTLP_ENDPOINT=${endpoint}\nOTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer <your API key>`}
      </pre>
      <p className="muted">
        The API key was printed when Onset started{prefix ? ` (it begins with ${prefix}…)` : ""}; you can create another under
        Settings. OTLP/HTTP (protobuf or JSON) and OTLP/gRPC ({setup.data?.otlpGrpcEndpoint ?? "localhost:4317"}) are both accepted.
      </p>
    </div>
  );
}
