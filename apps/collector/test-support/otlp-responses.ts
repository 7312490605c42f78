/**
 * Decoders for what the collector answers, written from the specs rather than taken
 * from the code under test: google.rpc.Status (googleapis google/rpc/status.proto:
 * 1 code int32, 2 message string) and ExportTraceServiceResponse
 * (opentelemetry-proto collector/trace/v1: 1 partial_success {1 rejected_spans int64,
 * 2 error_message string}), in protobuf and in the OTLP/JSON mapping.
 */
import protobuf from "protobufjs";
import type { RawResponse } from "./raw-http";

/** google.rpc.Status fields the collector sets. */
export interface RpcStatus {
  code: number;
  message: string;
}

/** OTLP partial success (zero/empty when the response was a full success). */
export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

/** google.rpc.Status from a response body in the encoding its Content-Type says. */
export function rpcStatusOf(res: RawResponse): RpcStatus {
  if (String(res.headers["content-type"]).startsWith("application/json")) {
    const j = JSON.parse(res.body.toString("utf8")) as { code?: number; message?: string };
    return { code: j.code ?? 0, message: j.message ?? "" };
  }
  const r = protobuf.Reader.create(res.body);
  const out: RpcStatus = { code: 0, message: "" };
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag === 8) out.code = r.int32();
    else if (tag === 18) out.message = r.string();
    else r.skipType(tag & 7);
  }
  return out;
}

/** ExportTraceServiceResponse.partial_success from a 200 body (protobuf or JSON). */
export function partialSuccessOf(res: RawResponse): PartialSuccess {
  if (String(res.headers["content-type"]).startsWith("application/json")) {
    const j = JSON.parse(res.body.toString("utf8")) as { partialSuccess?: { rejectedSpans?: string | number; errorMessage?: string } };
    return { rejectedSpans: Number(j.partialSuccess?.rejectedSpans ?? 0), errorMessage: j.partialSuccess?.errorMessage ?? "" };
  }
  return decodeExportResponse(res.body);
}

/** partial_success of a protobuf ExportTraceServiceResponse (HTTP body or gRPC reply). */
export function decodeExportResponse(bytes: Uint8Array): PartialSuccess {
  const out: PartialSuccess = { rejectedSpans: 0, errorMessage: "" };
  const r = protobuf.Reader.create(bytes);
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag !== 10) {
      r.skipType(tag & 7);
      continue;
    }
    const end = r.uint32() + r.pos;
    while (r.pos < end) {
      const t = r.uint32();
      if (t === 8) {
        const v = r.int64();
        // protobufjs gives a number, or a Long ({low, high}) when long.js is installed.
        out.rejectedSpans = typeof v === "number" ? v : v.high * 2 ** 32 + (v.low >>> 0);
      } else if (t === 18) out.errorMessage = r.string();
      else r.skipType(t & 7);
    }
  }
  return out;
}
