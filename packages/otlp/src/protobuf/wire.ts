import protobuf from "protobufjs/minimal.js";
import { nanosPartsToMs } from "../common/time";
import { OtlpDecodeError } from "../errors";

/**
 * Low-level wire helpers on top of protobufjs's Reader (protobuf encoding spec:
 * protobuf.dev/programming-guides/encoding). The decoder is hand-rolled instead of
 * reflection-generated so it can write straight into NormalizedSpan fields and read
 * 64-bit values without allocating Long objects.
 */

/** protobufjs Reader (a BufferReader when given a Buffer: native utf8Slice for strings). */
export type Reader = protobuf.Reader;

/** Wrap bytes in a Reader without copying; Buffers get protobufjs's fast string path. */
export function createReader(bytes: Uint8Array): Reader {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return protobuf.Reader.create(buffer);
}

/** Read a length prefix and return where the delimited field ends (checked against the current limit). */
export function delimitedEnd(r: Reader): number {
  const length = r.uint32();
  const end = r.pos + length;
  if (end > r.len) throw new RangeError(`field length ${length} at offset ${r.pos} runs past the end of its message`);
  return end;
}

/** Skip a field we do not read, rejecting field number 0 as the spec requires. */
export function skipField(r: Reader, tag: number): void {
  const field = tag >>> 3;
  if (field === 0) throw new RangeError(`invalid tag ${tag} (field number 0) at offset ${r.pos}`);
  r.skipType(tag & 7, 0, field);
}

/** Read a fixed64 nanosecond timestamp as epoch milliseconds. */
export function readFixed64Ms(r: Reader): number {
  const lo = r.fixed32();
  const hi = r.fixed32();
  return nanosPartsToMs(lo, hi);
}

const TWO32 = 4294967296;

/**
 * Read an int64 varint (two's complement, up to 10 bytes). Values within ±2^53 come
 * back as numbers; larger ones as exact decimal strings, as the OTLP/JSON mapping
 * would write them.
 */
export function readInt64(r: Reader): number | string {
  const buf = r.buf;
  const limit = r.len;
  let pos = r.pos;
  let lo = 0;
  let hi = 0;
  let b = 0;
  let i = 0;
  for (; i < 4; i++) {
    if (pos >= limit) throw new RangeError("int64 varint runs past the end of its message");
    b = buf[pos++] as number;
    lo = (lo | ((b & 127) << (i * 7))) >>> 0;
    if (b < 128) break;
  }
  if (i === 4) {
    if (pos >= limit) throw new RangeError("int64 varint runs past the end of its message");
    b = buf[pos++] as number;
    lo = (lo | ((b & 127) << 28)) >>> 0;
    hi = (b & 127) >> 4;
    if (b >= 128) {
      let j = 0;
      for (; j < 5; j++) {
        if (pos >= limit) throw new RangeError("int64 varint runs past the end of its message");
        b = buf[pos++] as number;
        hi = (hi | ((b & 127) << (j * 7 + 3))) >>> 0;
        if (b < 128) break;
      }
      if (j === 5) throw new RangeError("int64 varint is longer than 10 bytes");
    }
  }
  r.pos = pos;
  if (hi & 0x80000000) {
    const nlo = (~lo + 1) >>> 0;
    const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
    if (nhi < 0x200000) return -(nhi * TWO32 + nlo);
  } else if (hi < 0x200000) {
    return hi * TWO32 + lo;
  }
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString();
}

/**
 * Reads an Export*ServiceRequest body: each field 1 (resource_spans, resource_logs) goes
 * to `readResource` with its end; broken framing anywhere outside what the callback
 * tolerates is an OtlpDecodeError naming `message` (400).
 */
export function readExportRequest(bytes: Uint8Array, message: string, readResource: (r: Reader, end: number) => void): void {
  if (!(bytes instanceof Uint8Array)) throw new OtlpDecodeError("protobuf body must be bytes");
  const r = createReader(bytes);
  try {
    while (r.pos < r.len) {
      const tag = r.uint32();
      if (tag === 10) readResource(r, delimitedEnd(r));
      else skipField(r, tag);
    }
  } catch (error) {
    if (error instanceof OtlpDecodeError) throw error;
    throw new OtlpDecodeError(`body is not a valid OTLP ${message} protobuf: ${(error as Error)?.message ?? String(error)}`);
  }
}
