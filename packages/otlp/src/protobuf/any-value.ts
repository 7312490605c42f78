import { finiteOrString, setAttribute } from "../common/attributes";
import type { AttrValue, Attributes } from "../normalized-span";
import { delimitedEnd, readInt64, skipField } from "./wire";
import type { Reader } from "./wire";

/**
 * common.proto: KeyValue {1 key, 2 value}, AnyValue {oneof 1 string_value,
 * 2 bool_value, 3 int_value, 4 double_value, 5 array_value, 6 kvlist_value,
 * 7 bytes_value}, ArrayValue/KeyValueList {1 values}. AnyValue flattens into plain
 * JSON (AttrValue): bytes become base64 (as in OTLP/JSON), kvlists objects, an unset
 * oneof null. Nesting is capped so hostile input cannot exhaust the stack.
 */

/** Deepest array/kvlist nesting accepted inside one attribute value. */
export const MAX_VALUE_DEPTH = 32;

/** Read one AnyValue occupying [r.pos, end). */
export function readAnyValue(r: Reader, end: number, depth: number): AttrValue {
  if (depth > MAX_VALUE_DEPTH) throw new RangeError(`attribute value nested deeper than ${MAX_VALUE_DEPTH} levels`);
  let value: AttrValue = null;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10:
        value = r.string();
        break;
      case 16:
        value = r.bool();
        break;
      case 24:
        value = readInt64(r);
        break;
      case 33:
        value = finiteOrString(r.double());
        break;
      case 42:
        value = readArrayValue(r, delimitedEnd(r), depth + 1);
        break;
      case 50: {
        const kv: Attributes = {};
        readKeyValueList(r, delimitedEnd(r), kv, depth + 1);
        value = kv;
        break;
      }
      case 58:
        value = Buffer.from(r.bytes()).toString("base64");
        break;
      default:
        skipField(r, tag);
    }
  }
  return value;
}

function readArrayValue(r: Reader, end: number, depth: number): AttrValue[] {
  const out: AttrValue[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) out.push(readAnyValue(r, delimitedEnd(r), depth));
    else skipField(r, tag);
  }
  return out;
}

/** KeyValueList {repeated KeyValue values = 1} into `target`. */
function readKeyValueList(r: Reader, end: number, target: Attributes, depth: number): void {
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) readKeyValue(r, delimitedEnd(r), target, depth);
    else skipField(r, tag);
  }
}

/**
 * Attribute keys read lately, by a hash of their UTF-8 bytes: every span of an
 * instrumentation repeats the same few dozen keys, and handing back the string read the
 * first time spares a string per attribute and V8's internalizing it again when it
 * becomes a property name (docs/benchmarks.md, "Ingestion"). Direct-mapped: a colliding
 * key replaces the slot's.
 */
const KEY_SLOTS = 4096;
const keyBytes: (Buffer | null)[] = new Array<Buffer | null>(KEY_SLOTS).fill(null);
const keyStrings: string[] = new Array<string>(KEY_SLOTS).fill("");
/** Longer keys are read as they are, not remembered. */
const MAX_REMEMBERED_KEY_BYTES = 128;

/** A length-delimited string field, through the remembered keys; the same string r.string() would give. */
function readKey(r: Reader): string {
  const at = r.pos;
  const len = r.uint32();
  const start = r.pos;
  const end = start + len;
  if (len === 0 || len > MAX_REMEMBERED_KEY_BYTES || end > r.len) {
    r.pos = at; // let protobufjs read it, and refuse it with its own message
    return r.string();
  }
  const buf = r.buf as Buffer;
  let h = 0x811c9dc5; // FNV-1a
  for (let i = start; i < end; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
  const slot = (h >>> 0) & (KEY_SLOTS - 1);
  r.pos = end;
  const known = keyBytes[slot];
  if (known !== null && known !== undefined && known.length === len) {
    let i = 0;
    while (i < len && known[i] === buf[start + i]) i++;
    if (i === len) return keyStrings[slot] as string;
  }
  const key = buf.toString("utf8", start, end);
  keyBytes[slot] = Buffer.from(buf.subarray(start, end));
  keyStrings[slot] = key;
  return key;
}

/** One KeyValue occupying [r.pos, end), stored into `target`. */
export function readKeyValue(r: Reader, end: number, target: Attributes, depth: number): void {
  let key = "";
  let value: AttrValue = null;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) key = readKey(r);
    else if (tag === 18) value = readAnyValue(r, delimitedEnd(r), depth);
    else skipField(r, tag);
  }
  setAttribute(target, key, value);
}
