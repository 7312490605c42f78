/**
 * The web app's own errors: an OnsetError (@onset/otlp) thrown by routes and services,
 * with an HTTP status, a stable code, a message for people and optional details (extra
 * machine-readable fields of the error body, e.g. the scope a key lacks).
 */
import { OnsetError } from "@onset/otlp";

/** An error a route answers with as it is. */
export class ApiError extends OnsetError {
  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(status, code, message, details);
    this.name = "ApiError";
  }
}

/** 404 for a resource the caller's project does not have. */
export const notFound = (what: string) => new ApiError(404, "not_found", `${what} not found`);
