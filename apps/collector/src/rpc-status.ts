/**
 * google.rpc.Status, the error body OTLP/HTTP requires ("the response body MUST be the
 * Protobuf-encoded Status message" for protobuf requests; its JSON mapping for JSON).
 * Fields: code (1, int32), message (2, string).
 */
import protobuf from "protobufjs";

/** Protobuf-encoded google.rpc.Status. */
export function encodeRpcStatus(code: number, message: string): Uint8Array {
  const w = protobuf.Writer.create();
  if (code) w.uint32((1 << 3) | 0).int32(code);
  if (message) w.uint32((2 << 3) | 2).string(message);
  return w.finish();
}

/**
 * Protobuf-encoded google.rpc.Status carrying a google.rpc.RetryInfo detail: what gRPC's
 * `grpc-status-details-bin` trailer holds so OTLP exporters retry a RESOURCE_EXHAUSTED
 * after `retryAfterSec` (the OTLP spec makes that code retryable only with RetryInfo).
 */
export function encodeRetryStatus(code: number, message: string, retryAfterSec: number): Uint8Array {
  const duration = protobuf.Writer.create().uint32((1 << 3) | 0).int64(Math.max(0, Math.round(retryAfterSec))).finish();
  const retryInfo = protobuf.Writer.create().uint32((1 << 3) | 2).bytes(duration).finish();
  const any = protobuf.Writer.create()
    .uint32((1 << 3) | 2)
    .string("type.googleapis.com/google.rpc.RetryInfo")
    .uint32((2 << 3) | 2)
    .bytes(retryInfo)
    .finish();
  const w = protobuf.Writer.create();
  if (code) w.uint32((1 << 3) | 0).int32(code);
  if (message) w.uint32((2 << 3) | 2).string(message);
  w.uint32((3 << 3) | 2).bytes(any);
  return w.finish();
}

/** gRPC status code closest to an HTTP status (for the Status.code field). */
export function grpcCodeFor(httpStatus: number): number {
  switch (httpStatus) {
    case 400:
      return 3; // INVALID_ARGUMENT
    case 401:
      return 16; // UNAUTHENTICATED
    case 403:
      return 7; // PERMISSION_DENIED
    case 413:
    case 429: // a project quota: RESOURCE_EXHAUSTED, with RetryInfo when it will pass (OTLP "Failures")
      return 8; // RESOURCE_EXHAUSTED
    case 415:
      return 3;
    case 503:
      return 14; // UNAVAILABLE
    default:
      return 13; // INTERNAL
  }
}
