/**
 * A schema-less view of protobuf bytes (protobuf.dev "Encoding": tag = field << 3 |
 * wire type; VARINT 0, I64 1, LEN 2, I32 5) as a tree, so the fuzzer can mutate the
 * structure of a valid OTLP request (drop, repeat, retype, re-value fields at any
 * depth) and encode it again. A LEN field is taken as a nested message when its bytes
 * parse completely as fields; otherwise it stays opaque bytes (strings, ids, packed).
 */

/** One field on the wire. */
export type WireField =
  | { field: number; wire: 0; value: bigint }
  | { field: number; wire: 1 | 5; value: Buffer }
  | { field: number; wire: 2; value: Buffer; children: WireField[] | null };

function readVarint(buf: Buffer, pos: number): [bigint, number] | null {
  let v = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) return null;
    const b = buf[pos++]!;
    v |= BigInt(b & 0x7f) << BigInt(7 * i);
    if (b < 0x80) return [v, pos];
  }
  return null;
}

/** Parses `buf` as a message; null when it is not one (then it is opaque bytes). */
export function parseFields(buf: Buffer, depth = 0): WireField[] | null {
  const out: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const tag = readVarint(buf, pos);
    if (!tag) return null;
    pos = tag[1];
    const field = Number(tag[0] >> 3n);
    const wire = Number(tag[0] & 7n);
    if (field === 0) return null;
    if (wire === 0) {
      const v = readVarint(buf, pos);
      if (!v) return null;
      out.push({ field, wire: 0, value: v[0] });
      pos = v[1];
    } else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      if (pos + n > buf.length) return null;
      out.push({ field, wire, value: buf.subarray(pos, pos + n) });
      pos += n;
    } else if (wire === 2) {
      const len = readVarint(buf, pos);
      if (!len) return null;
      pos = len[1];
      const end = pos + Number(len[0]);
      if (end > buf.length) return null;
      const value = buf.subarray(pos, end);
      out.push({ field, wire: 2, value, children: depth < 12 && value.length > 0 ? parseFields(value, depth + 1) : null });
      pos = end;
    } else {
      return null;
    }
  }
  return out;
}

function varint(v: bigint): Buffer {
  const bytes: number[] = [];
  let x = BigInt.asUintN(64, v);
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x > 0n) b |= 0x80;
    bytes.push(b);
  } while (x > 0n);
  return Buffer.from(bytes);
}

/** Encodes fields back to bytes (children, when present, win over the original bytes). */
export function encodeFields(fields: WireField[]): Buffer {
  const parts: Buffer[] = [];
  for (const f of fields) {
    parts.push(varint(BigInt((f.field << 3) | f.wire)));
    if (f.wire === 0) parts.push(varint(f.value));
    else if (f.wire === 2) {
      const body = f.children ? encodeFields(f.children) : f.value;
      parts.push(varint(BigInt(body.length)), body);
    } else parts.push(f.value);
  }
  return Buffer.concat(parts);
}

/** Every field list in the tree (the root and each parsed nested message). */
export function fieldLists(root: WireField[]): WireField[][] {
  const lists: WireField[][] = [root];
  for (let i = 0; i < lists.length; i++) {
    for (const f of lists[i]!) if (f.wire === 2 && f.children) lists.push(f.children);
  }
  return lists;
}
