/**
 * The one error the decoders throw. A body that cannot be decoded at all (not
 * protobuf, not JSON, wrong top-level shape, broken framing) is the client's fault:
 * the collector maps this to HTTP 400 and puts `message` in the response, as
 * docs/spec/design.md §3.1 asks ("reject malformed input with 400 and a message naming the
 * broken contract ... never 5xx on bad input").
 */
export class OtlpDecodeError extends Error {
  /** HTTP status the collector should answer with. */
  readonly httpStatus = 400;
  /** Stable machine-readable code for the JSON error body. */
  readonly code = "invalid_otlp";

  constructor(message: string) {
    super(message);
    this.name = "OtlpDecodeError";
  }
}

/** Type guard usable across module boundaries (instanceof can fail with duplicated modules). */
export function isOtlpDecodeError(error: unknown): error is OtlpDecodeError {
  return error instanceof OtlpDecodeError || (error instanceof Error && error.name === "OtlpDecodeError");
}
