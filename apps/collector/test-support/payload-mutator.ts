/**
 * Seeded mutations of valid OTLP requests for the fuzz test: byte-level damage (bit
 * flips, truncation, splices of two requests, random bytes, inserted/duplicated/zeroed
 * ranges, 0xFF runs that read as huge lengths) and structure-level damage (protobuf
 * fields dropped, repeated, renumbered, retyped or given extreme values at any depth;
 * JSON nodes replaced by other types, keys deleted or renamed, strings made invalid,
 * values nested thousands deep).
 */
import { encodeFields, fieldLists, parseFields, type WireField } from "./protobuf-fields";
import type { Rng } from "./seeded-random";

/** One mutated body and the mutation that made it (for the failure message). */
export interface Mutant {
  body: Buffer;
  mutation: string;
}

type ByteOp = (rng: Rng, body: Buffer, other: Buffer) => Buffer;

const BYTE_OPS: Record<string, ByteOp> = {
  bitflip: (rng, b) => {
    const out = Buffer.from(b);
    for (let i = 1 + rng.int(8); i > 0 && out.length > 0; i--) out[rng.int(out.length)]! ^= 1 << rng.int(8);
    return out;
  },
  truncate: (rng, b) => b.subarray(0, rng.int(b.length + 1)),
  splice: (rng, b, other) => Buffer.concat([b.subarray(0, rng.int(b.length + 1)), other.subarray(rng.int(other.length + 1))]),
  random: (rng) => rng.bytes(rng.int(2048)),
  insert: (rng, b) => {
    const at = rng.int(b.length + 1);
    return Buffer.concat([b.subarray(0, at), rng.bytes(1 + rng.int(64)), b.subarray(at)]);
  },
  duplicate: (rng, b) => {
    const from = rng.int(b.length + 1);
    const to = from + rng.int(b.length - from + 1);
    return Buffer.concat([b.subarray(0, to), b.subarray(from, to), b.subarray(to)]);
  },
  zero: (rng, b) => {
    const out = Buffer.from(b);
    const from = rng.int(out.length + 1);
    out.fill(0, from, Math.min(out.length, from + rng.int(32)));
    return out;
  },
  ff: (rng, b) => {
    const out = Buffer.from(b);
    const from = rng.int(out.length + 1);
    out.fill(0xff, from, Math.min(out.length, from + 1 + rng.int(10)));
    return out;
  },
};

/** Byte-level damage to any body (protobuf bytes or JSON text). */
export function mutateBytes(rng: Rng, body: Buffer, other: Buffer): Mutant {
  const name = rng.pick(Object.keys(BYTE_OPS));
  return { body: BYTE_OPS[name]!(rng, body, other), mutation: `bytes:${name}` };
}

const EXTREME_VARINTS = [0n, 1n, 2n, 5n, 127n, 128n, 2n ** 31n, 2n ** 32n - 1n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 64n - 1n];

type FieldOp = (rng: Rng, list: WireField[]) => string;

const FIELD_OPS: Record<string, FieldOp> = {
  drop: (rng, list) => (list.splice(rng.int(list.length), 1), "drop"),
  repeat: (rng, list) => {
    const f = list[rng.int(list.length)]!;
    for (let n = 1 + rng.int(rng.next() < 0.1 ? 200 : 3); n > 0; n--) list.push(f);
    return "repeat";
  },
  renumber: (rng, list) => {
    const f = list[rng.int(list.length)]!;
    f.field = rng.pick([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 16, 1000, 536870911]);
    return "renumber";
  },
  retype: (rng, list) => {
    const i = rng.int(list.length);
    const field = list[i]!.field;
    const wire = rng.pick([0, 1, 2, 5] as const);
    list[i] =
      wire === 0 ? { field, wire, value: rng.pick(EXTREME_VARINTS) }
      : wire === 2 ? { field, wire, value: rng.bytes(rng.int(40)), children: null }
      : { field, wire, value: rng.bytes(wire === 1 ? 8 : 4) };
    return `retype:${wire}`;
  },
  extreme: (rng, list) => {
    const f = list[rng.int(list.length)]!;
    if (f.wire === 0) f.value = rng.pick(EXTREME_VARINTS);
    else if (f.wire === 2) {
      f.children = null;
      f.value = rng.pick([Buffer.alloc(0), Buffer.from("\u0000\u0000"), Buffer.from([0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.alloc(70_000, "a"), rng.bytes(17)]);
    } else f.value = Buffer.alloc(f.value.length, rng.pick([0, 0xff]));
    return "extreme";
  },
  nest: (rng, list) => {
    // Wrap a field in many levels of itself: decoders that recurse must not blow the stack.
    const i = rng.int(list.length);
    let f = list[i]!;
    for (let d = 0; d < 2000; d++) f = { field: f.field, wire: 2, value: Buffer.alloc(0), children: [f] };
    list[i] = f;
    return "nest";
  },
};

/** Structure-level damage to a valid protobuf request (falls back to bytes when it does not parse). */
export function mutateProtobufStructure(rng: Rng, body: Buffer, other: Buffer): Mutant {
  const root = parseFields(body);
  if (!root) return mutateBytes(rng, body, other);
  const done: string[] = [];
  for (let n = 1 + rng.int(4); n > 0; n--) {
    const lists = fieldLists(root).filter((l) => l.length > 0);
    if (lists.length === 0) break;
    const op = rng.pick(Object.keys(FIELD_OPS));
    if (op === "nest" && rng.next() < 0.8) continue; // expensive: keep it rare
    done.push(FIELD_OPS[op]!(rng, rng.pick(lists)));
  }
  return { body: encodeFields(root), mutation: `pb:${done.join(",")}` };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const ODD_VALUES: Json[] = [
  null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 64, "", "NaN", "-1", "1e30", "18446744073709551616", "zz", "\u0000",
  "\ud800", "SPAN_KIND_SERVER", "STATUS_CODE_ERROR", "0000000000000000", "ffffffffffffffffffffffffffffffff", [], {},
  [1, "a", null], { stringValue: "x" }, { intValue: "9999999999999999999999" }, { doubleValue: "Infinity" },
  { bytesValue: "!!!not base64" }, { arrayValue: { values: [{ kvlistValue: { values: [{ key: "k" }] } }] } }, "a".repeat(70_000),
];

function jsonNodes(root: Json): { parent: Json[] | { [k: string]: Json }; key: string | number }[] {
  const out: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        out.push({ parent: node, key: i });
        stack.push(v);
      });
    }
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        out.push({ parent: node, key: k });
        stack.push(v);
      }
    }
  }
  return out;
}

/** Structure-level damage to a valid OTLP/JSON request. */
export function mutateJsonStructure(rng: Rng, body: Buffer): Mutant {
  const root = JSON.parse(body.toString("utf8")) as Json;
  const done: string[] = [];
  for (let n = 1 + rng.int(4); n > 0; n--) {
    const nodes = jsonNodes(root);
    if (nodes.length === 0) break;
    const { parent, key } = rng.pick(nodes);
    const get = () => (parent as Record<string | number, Json>)[key]!;
    const set = (v: Json) => ((parent as Record<string | number, Json>)[key] = v);
    const op = rng.pick(["replace", "replace", "replace", "delete", "rename", "repeat", "nest"]);
    if (op === "replace") set(rng.pick(ODD_VALUES));
    else if (op === "delete") {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (op === "rename" && !Array.isArray(parent)) {
      const v = get();
      delete parent[key as string];
      parent[rng.pick(["value", "values", "key", "traceId", "spanId", "startTimeUnixNano", "kind", "attributes", "x"])] = v;
    } else if (op === "repeat") {
      const v = get();
      set(Array.from({ length: 1 + rng.int(rng.next() < 0.1 ? 300 : 4) }, () => v));
    } else if (op === "nest") {
      set(DEEP); // spliced in as text below: too deep for JSON.stringify itself
    }
    done.push(op);
  }
  let text = JSON.stringify(root);
  if (text.includes(JSON.stringify(DEEP))) text = text.split(JSON.stringify(DEEP)).join(deepAnyValue(rng, 5000));
  return { body: Buffer.from(text), mutation: `json:${done.join(",")}` };
}

const DEEP = "\u0001deep-placeholder\u0001";

/** AnyValue text nested `depth` levels (kvlistValue/arrayValue): recursive decoders must not blow the stack. */
function deepAnyValue(rng: Rng, depth: number): string {
  let open = "";
  let close = "";
  for (let d = 0; d < depth; d++) {
    if (rng.next() < 0.5) {
      open += '{"arrayValue":{"values":[';
      close = "]}}" + close;
    } else {
      open += '{"kvlistValue":{"values":[{"key":"k","value":';
      close = "}]}}" + close;
    }
  }
  return `${open}{"stringValue":"deep"}${close}`;
}
