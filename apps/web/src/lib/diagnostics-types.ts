/** The response of GET /api/v1/diagnostics, shared by its service and the settings page. */
import type { ScopeMappingDiagnostics } from "@onset/otlp";

/** One scope's diagnostics plus the models whose spans had tokens but no cost. */
export type ScopeDiagnostics = ScopeMappingDiagnostics & {
  unpricedModels: { model: string; count: number }[];
};

/** GET /api/v1/diagnostics */
export interface DiagnosticsResponse {
  sample: { runs: number; spans: number; from: string | null; to: string | null; truncated: boolean };
  scopes: ScopeDiagnostics[];
}
