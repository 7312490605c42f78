/**
 * The one error the decoders throw. A body that cannot be decoded at all (not
 * protobuf, not JSON, wrong top-level shape, broken framing) is the client's fault:
 * status 400, code `invalid_otlp`, and a message naming the broken contract, which the
 * collector answers with (docs/spec/design.md §3.1: never a 5xx on bad input).
 */
import { OnsetError } from "./onset-error";

/** A request body that cannot be decoded as OTLP (400 `invalid_otlp`). */
export class OtlpDecodeError extends OnsetError {
  constructor(message: string) {
    super(400, "invalid_otlp", message);
    this.name = "OtlpDecodeError"; // explicit: isOtlpDecodeError reads it, and bundlers rename classes
  }
}

/** Type guard usable across module boundaries (instanceof can fail with duplicated modules). */
export function isOtlpDecodeError(error: unknown): error is OtlpDecodeError {
  return error instanceof OtlpDecodeError || (error instanceof Error && error.name === "OtlpDecodeError");
}
