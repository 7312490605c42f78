import { describe, expect, it } from "vitest";
import { OtlpDecodeError } from "./errors";
import type { DecodeResult } from "./decode-result";
import { decodeTraceRequestJson } from "./json/decode-trace-request";
import type { AttrValue } from "./normalized-span";
import { SPAN_TYPES } from "./normalized-span";
import { decodeTraceRequestProtobuf } from "./protobuf/decode-trace-request";
import { ALL_FIXTURES } from "./test-support/fixtures/index";
import { encodeRequestProtobuf } from "./test-support/proto-encoder";
import { agentRunSpans, seededRandom, toJson, toProtobuf } from "./test-support/sdk-spans";

/**
 * Deterministic fuzzing of both decoders (docs/spec/design.md §3.1: never 5xx on bad input).
 * Every outcome must be either a DecodeResult whose spans all satisfy the
 * NormalizedSpan contract, or an OtlpDecodeError — nothing else may escape.
 */

const random = seededRandom(20260101);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;

const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;

function finiteEverywhere(value: AttrValue | undefined): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(finiteEverywhere);
  if (value !== null && typeof value === "object") return Object.values(value).every(finiteEverywhere);
  return true;
}

/** Problems with a result, or [] when it honours the contract. */
function contractViolations(result: DecodeResult): string[] {
  const problems: string[] = [];
  if (!Array.isArray(result.spans) || !Array.isArray(result.rejected) || !Array.isArray(result.warnings)) return ["result shape"];
  for (const s of result.spans) {
    if (!HEX32.test(s.traceId) || !HEX16.test(s.spanId)) problems.push(`ids ${s.traceId}/${s.spanId}`);
    if (s.parentSpanId !== null && !HEX16.test(s.parentSpanId)) problems.push(`parent ${s.parentSpanId}`);
    if (!Number.isFinite(s.startTimeMs) || !Number.isFinite(s.endTimeMs) || s.endTimeMs < s.startTimeMs || s.startTimeMs <= 0) problems.push(`times ${s.startTimeMs}..${s.endTimeMs}`);
    if (!SPAN_TYPES.includes(s.type)) problems.push(`type ${s.type}`);
    if (!["unset", "ok", "error"].includes(s.statusCode)) problems.push(`status ${s.statusCode}`);
    if (!Number.isInteger(s.kind) || s.kind < 0 || s.kind > 5) problems.push(`kind ${s.kind}`);
    for (const v of Object.values(s.usage)) if (v !== null && (!Number.isInteger(v) || v < 0)) problems.push(`usage ${v}`);
    if (s.costUsd !== null && !Number.isFinite(s.costUsd)) problems.push(`cost ${s.costUsd}`);
    if (s.events.some((e) => !Number.isFinite(e.timeMs))) problems.push("event time");
    if (!finiteEverywhere(s.attributes) || !finiteEverywhere(s.resourceAttributes)) problems.push("non-finite attribute");
    try {
      JSON.stringify(s);
    } catch (error) {
      problems.push(`not serializable: ${(error as Error).message}`);
    }
  }
  for (const r of result.rejected) if (typeof r.reason !== "string" || r.reason === "") problems.push("empty reason");
  return problems;
}

/** Decode and classify: "ok" (contract held), "decode-error", or a description of what went wrong. */
function outcome(run: () => DecodeResult): string {
  try {
    const problems = contractViolations(run());
    return problems.length === 0 ? "ok" : `contract: ${problems.slice(0, 3).join(", ")}`;
  } catch (error) {
    return error instanceof OtlpDecodeError ? "decode-error" : `threw ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`;
  }
}

function mutateBytes(bytes: Uint8Array): Uint8Array {
  const b = Buffer.from(bytes);
  switch (int(6)) {
    case 0: {
      const out = Buffer.from(b);
      for (let i = 0, n = 1 + int(5); i < n && out.length > 0; i++) out[int(out.length)] = int(256);
      return out;
    }
    case 1:
      return b.subarray(0, int(b.length + 1));
    case 2: {
      const at = int(b.length + 1);
      return Buffer.concat([b.subarray(0, at), Buffer.from(Array.from({ length: 1 + int(8) }, () => int(256))), b.subarray(at)]);
    }
    case 3: {
      const at = int(b.length + 1);
      return Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + int(16))]);
    }
    case 4: {
      const at = int(b.length + 1);
      return Buffer.concat([b.subarray(0, at), b.subarray(int(b.length), int(b.length) + 64), b.subarray(at)]);
    }
    default: {
      const out = Buffer.from(b);
      if (out.length > 0) out[int(out.length)] = pick([0x80, 0xff, 0x00, 0x0f, 0x7f]);
      return out;
    }
  }
}

const WEIRD: unknown[] = [null, true, 0, -1, 1e309 * 0, 2 ** 64, "", "x", "NaN", "SPAN_KIND_CLIENT", "STATUS_CODE_ERROR", "ffffffffffffffff", "0".repeat(32), [], {}, [[[[]]]], { stringValue: 5 }, { intValue: "9".repeat(30) }, { arrayValue: { values: "no" } }, { kvlistValue: { values: [null, { key: 1 }] } }, "[{\"role\":\"user\",\"parts\":5}]", "{\"messages\":[{\"role\":{}}]}"];

function deepValue(depth: number): unknown {
  let v: unknown = { stringValue: "leaf" };
  for (let i = 0; i < depth; i++) v = { arrayValue: { values: [v] } };
  return v;
}

/** Replace, delete or deepen one random node of a JSON tree (in place). */
function mutateTree(root: unknown): void {
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        nodes.push({ parent: v, key: i });
        walk(item);
      });
    } else if (v !== null && typeof v === "object") {
      for (const [k, item] of Object.entries(v)) {
        nodes.push({ parent: v as Record<string, unknown>, key: k });
        walk(item);
      }
    }
  };
  walk(root);
  if (nodes.length === 0) return;
  for (let i = 0, n = 1 + int(3); i < n; i++) {
    const { parent, key } = pick(nodes);
    const op = int(4);
    if (op === 0 && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[key as string];
    else if (op === 1) (parent as Record<string | number, unknown>)[key] = deepValue(20 + int(200));
    else (parent as Record<string | number, unknown>)[key] = structuredClone(pick(WEIRD));
  }
}

const pbSeeds = [...Object.values(ALL_FIXTURES).map(encodeRequestProtobuf), toProtobuf(agentRunSpans(24, 7))];
const jsonSeeds = [...Object.values(ALL_FIXTURES).map((f) => JSON.stringify(f)), toJson(agentRunSpans(24, 7))];

/** Thousands of decodes: seconds on a loaded 2-core machine, so no 5 s default. */
const FUZZ_TIMEOUT_MS = 120_000;

describe("decoder fuzzing (seeded)", () => {
  it("protobuf: 3000 mutated bodies give a valid result or OtlpDecodeError, never anything else", () => {
    const tally = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const body = mutateBytes(pick(pbSeeds));
      const o = outcome(() => decodeTraceRequestProtobuf(body, { maxAttributeBytes: pick([undefined, 0, 64]) }));
      tally.set(o, (tally.get(o) ?? 0) + 1);
    }
    expect([...tally.keys()].filter((k) => k !== "ok" && k !== "decode-error")).toEqual([]);
    // The mutations must exercise both outcomes, or the test proves little.
    expect(tally.get("ok")).toBeGreaterThan(300);
    expect(tally.get("decode-error")).toBeGreaterThan(300);
  }, FUZZ_TIMEOUT_MS);

  it("JSON: 3000 structurally mutated requests give a valid result or OtlpDecodeError", () => {
    const tally = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const tree: unknown = JSON.parse(pick(jsonSeeds));
      mutateTree(tree);
      const o = outcome(() => decodeTraceRequestJson(int(2) === 0 ? tree : JSON.stringify(tree)));
      tally.set(o, (tally.get(o) ?? 0) + 1);
    }
    expect([...tally.keys()].filter((k) => k !== "ok" && k !== "decode-error")).toEqual([]);
    expect(tally.get("ok")).toBeGreaterThan(1000);
  }, FUZZ_TIMEOUT_MS);

  it("JSON: 1000 byte-mutated bodies give a valid result or OtlpDecodeError", () => {
    const tally = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const body = mutateBytes(Buffer.from(pick(jsonSeeds)));
      const o = outcome(() => decodeTraceRequestJson(body));
      tally.set(o, (tally.get(o) ?? 0) + 1);
    }
    expect([...tally.keys()].filter((k) => k !== "ok" && k !== "decode-error")).toEqual([]);
    expect(tally.get("decode-error")).toBeGreaterThan(100);
  }, FUZZ_TIMEOUT_MS);

  it.each([undefined, null, 42, "null", [], Symbol.iterator, () => 1, new Uint8Array([0xff, 0xfe])])("JSON: top-level %s is a decode error, not a crash", (body) => {
    expect(outcome(() => decodeTraceRequestJson(body))).toBe("decode-error");
  });
});
