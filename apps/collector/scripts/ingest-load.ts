/**
 * Load for the ingest benchmark: OTLP/HTTP protobuf exports of pre-generated SDK spans,
 * sent either by real OTLPTraceExporter instances (exporter-trace-otlp-proto: the
 * exporter serializes every batch itself, as an agent does) or as raw POSTs of bodies
 * serialized beforehand with the same serializer (the server side alone). Two shapes:
 * closed loop (C senders, each sending its next batch when the last is acknowledged)
 * for throughput, and open loop at a fixed offered rate for latency, timed from each
 * export's scheduled start so a slow server cannot hide its queueing
 * (no coordinated omission).
 */
import http from "node:http";
import { ExportResultCode } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { protobufBody } from "../test-support/otlp-bodies";
import { sendRaw } from "../test-support/raw-http";
import { summarize, type LatencySummary } from "./latency-stats";

/** Who sends: real exporters, or raw POSTs of pre-serialized bodies. */
export type ClientKind = "exporter" | "raw";

/** Where and as whom to send. */
export interface LoadTarget {
  tracesUrl: string;
  headers: Record<string, string>;
}

/** What a load run measured. */
export interface LoadResult {
  spans: number;
  exports: number;
  seconds: number;
  spansPerSec: number;
  latency: LatencySummary;
  /** 503s answered and retried (raw client; the exporter retries inside). */
  retries: number;
  /** Exports that never succeeded. */
  failures: number;
  /** Why they failed (error message or HTTP status), with counts. */
  failureReasons: Record<string, number>;
}

type Send = (i: number) => Promise<{ ok: boolean; retries: number; reason?: string }>;

/** Where batch i's spans come from. */
export interface BatchSource {
  count: number;
  spans: (i: number) => number;
  batch: (i: number) => ReadableSpan[];
}

/** Batches ready to send in the form the client needs. */
export type PreparedBatches = { kind: "exporter"; source: BatchSource } | { kind: "raw"; bodies: Buffer[]; spans: number[] };

/** Serializes every batch up front for the raw client; exporters serialize as they send. */
export function prepare(source: BatchSource, client: ClientKind): PreparedBatches {
  if (client === "exporter") return { kind: "exporter", source };
  const bodies: Buffer[] = [];
  const spans: number[] = [];
  for (let i = 0; i < source.count; i++) {
    bodies.push(protobufBody(source.batch(i)));
    spans.push(source.spans(i));
  }
  return { kind: "raw", bodies, spans };
}

function sender(target: LoadTarget, prepared: PreparedBatches, senders: number): { send: Send; close: () => Promise<void>; spansOf: (i: number) => number } {
  if (prepared.kind === "exporter") {
    const exporters = Array.from({ length: senders }, () => new OTLPTraceExporter({ url: target.tracesUrl, headers: target.headers, timeoutMillis: 30_000 }));
    let rr = 0;
    return {
      send: (i) =>
        new Promise((resolve) => {
          const exporter = exporters[rr++ % exporters.length]!;
          exporter.export(prepared.source.batch(i), (r) =>
            resolve({ ok: r.code === ExportResultCode.SUCCESS, retries: 0, reason: r.error ? String(r.error.message ?? r.error) : "failed" }),
          );
        }),
      close: async () => {
        await Promise.all(exporters.map((e) => e.shutdown()));
      },
      spansOf: (i) => prepared.source.spans(i),
    };
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: senders * 4 });
  const headers = { ...target.headers, "content-type": "application/x-protobuf" };
  return {
    send: async (i) => {
      let retries = 0;
      for (;;) {
        const res = await sendRaw(target.tracesUrl, { headers, body: prepared.bodies[i]!, agent });
        if (res.status === 200) return { ok: true, retries };
        if (res.status !== 503 || retries >= 20) return { ok: false, retries, reason: `HTTP ${res.status}` };
        retries++;
        await new Promise((r) => setTimeout(r, 1000 * Number(res.headers["retry-after"] ?? 1)));
      }
    },
    close: async () => agent.destroy(),
    spansOf: (i) => prepared.spans[i]!,
  };
}

function count(prepared: PreparedBatches): number {
  return prepared.kind === "exporter" ? prepared.source.count : prepared.bodies.length;
}

/** Closed loop: `concurrency` senders, each with one export in flight, until all are sent. */
export async function runThroughput(target: LoadTarget, prepared: PreparedBatches, concurrency: number): Promise<LoadResult> {
  const s = sender(target, prepared, concurrency);
  const latencies: number[] = [];
  let next = 0;
  let spans = 0;
  let retries = 0;
  const failureReasons: Record<string, number> = {};
  const note = (reason = "failed") => (failureReasons[reason] = (failureReasons[reason] ?? 0) + 1);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count(prepared)) {
        const i = next++;
        const t = performance.now();
        const r = await s.send(i);
        latencies.push(performance.now() - t);
        retries += r.retries;
        if (r.ok) spans += s.spansOf(i);
        else note(r.reason);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await s.close();
  const failures = Object.values(failureReasons).reduce((a, n) => a + n, 0);
  return { spans, exports: latencies.length, seconds, spansPerSec: spans / seconds, latency: summarize(latencies), retries, failures, failureReasons };
}

/**
 * Open loop: export i is due at start + i * batchSpans / rate seconds and sent then,
 * whatever is still in flight (the senders keep their connections alive).
 */
export async function runOffered(target: LoadTarget, prepared: PreparedBatches, rate: number, senders: number): Promise<LoadResult> {
  const s = sender(target, prepared, senders);
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  let spans = 0;
  let retries = 0;
  const failureReasons: Record<string, number> = {};
  const note = (reason = "failed") => (failureReasons[reason] = (failureReasons[reason] ?? 0) + 1);
  const started = performance.now();
  let due = started;
  for (let i = 0; i < count(prepared); i++) {
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const scheduled = due;
    inFlight.push(
      s.send(i).then((r) => {
        latencies.push(performance.now() - scheduled);
        retries += r.retries;
        if (r.ok) spans += s.spansOf(i);
        else note(r.reason);
      }),
    );
    due += (1000 * s.spansOf(i)) / rate;
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  await s.close();
  const failures = Object.values(failureReasons).reduce((a, n) => a + n, 0);
  return { spans, exports: latencies.length, seconds, spansPerSec: spans / seconds, latency: summarize(latencies), retries, failures, failureReasons };
}
