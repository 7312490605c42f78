/**
 * Content addressing for the span content store (docs/adr/0008-content-store.md):
 * the hash of a stored body, and content-defined chunking of long strings.
 *
 * Raw attributes repeat across the LLM calls of a run in a way whole-value hashing
 * cannot catch: an instrumentation sends the conversation so far flattened
 * (llm.input_messages.N.*) and as one string (`input.value`, `gen_ai.prompt`), so call
 * k+1's attributes are call k's plus one or two messages in a few places. Cutting their
 * JSON where its content says (a gear rolling hash, as in FastCDC, Xia et al., USENIX
 * ATC 2016) makes the shared stretches fall into the same chunks in both calls; only the
 * chunks around a difference are new. Chunks are stored once per project and month, so
 * a run's raw attributes grow with its length, not its square.
 */
import { createHash } from "node:crypto";

/**
 * No cut before this many characters into a chunk. Postgres compresses a row only past
 * about 2 KB (TOAST_TUPLE_THRESHOLD), so chunks at least that long are stored compressed.
 */
const MIN_CHUNK = 2048;
/** A chunk is cut here whatever its content. */
const MAX_CHUNK = 16384;
/** Cut where the top 11 bits of the rolling hash are zero: about one in 2,048 positions past MIN_CHUNK. */
const CUT_MASK = 0xffe00000;

// 256 pseudo-random 32-bit values (xorshift32 from a fixed seed): the same cut points
// in every process and release, which is what lets a chunk stored yesterday be found today.
const GEAR = (() => {
  const t = new Uint32Array(256);
  let x = 0x9e3779b9;
  for (let i = 0; i < 256; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    t[i] = x;
  }
  return t;
})();

/**
 * `s` cut into chunks whose concatenation is `s`. Cut points depend only on the
 * characters just before them, so two strings sharing a long prefix share every chunk
 * of it but the last. A cut never falls inside a surrogate pair.
 */
export function chunkString(s: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  let h = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = ((h << 1) + GEAR[(c ^ (c >>> 8)) & 0xff]!) >>> 0;
    const len = i + 1 - start;
    if (len < MIN_CHUNK) continue;
    if ((h & CUT_MASK) !== 0 && len < MAX_CHUNK) continue;
    if (c >= 0xd800 && c <= 0xdbff) continue; // high surrogate: cut after its pair
    chunks.push(s.slice(start, i + 1));
    start = i + 1;
    h = 0;
  }
  if (start < s.length) chunks.push(s.slice(start));
  return chunks;
}

/**
 * The key of a stored body: SHA-256 of a kind tag and the body, 128 bits in base64url
 * (22 characters). The tag keeps a message and a chunk with the same text apart.
 */
export function contentHash(kind: "m" | "c", body: string): string {
  return createHash("sha256").update(kind).update(body).digest("base64url").slice(0, 22);
}
