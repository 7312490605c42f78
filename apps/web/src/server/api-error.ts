/** The web API's one error type: an HTTP status, a stable code and a message for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra machine-readable fields of the error body (e.g. the scope a key lacks). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** 404 for a resource the caller's project does not have. */
export const notFound = (what: string) => new ApiError(404, "not_found", `${what} not found`);
