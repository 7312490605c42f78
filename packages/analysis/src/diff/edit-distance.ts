/**
 * Unit-cost Levenshtein distance over key sequences (Wagner-Fischer), in two rows
 * (docs/spec/run-diff.md §2). Keys are small integers: encodeKeys maps signature
 * strings to them once so the inner loop compares numbers, not strings.
 *
 * The number is Wagner-Fischer's; how it is computed is an optimisation with the same
 * result (tests check each against the plain two-row DP on thousands of random pairs):
 * 1. Myers' bit-vector algorithm (bit-parallel-distance.ts), 32 cells per word operation,
 *    whenever A's key alphabet keeps its masks linear in the run (always, in practice);
 * 2. else doubling diagonal bands (Ukkonen): a path of cost <= U only visits cells (i, j)
 *    with |j - i| + |(n - m) - (j - i)| <= U, so a two-row DP restricted to that band is
 *    exact whenever it finds a cost <= U;
 * 3. else the plain two-row DP. Memory stays linear in the longer run throughout.
 */
import { bitParallelDistance } from "./bit-parallel-distance";

/** Two key sequences encoded against one shared dictionary. */
export interface EncodedPair {
  a: Int32Array;
  b: Int32Array;
}

/** Map two string sequences to integer keys (equal strings -> equal integers). */
export function encodeKeys(seqA: readonly string[], seqB: readonly string[]): EncodedPair {
  const dict = new Map<string, number>();
  const encode = (seq: readonly string[]): Int32Array => {
    const out = new Int32Array(seq.length);
    for (let i = 0; i < seq.length; i++) {
      const k = seq[i]!;
      let id = dict.get(k);
      if (id === undefined) {
        id = dict.size;
        dict.set(k, id);
      }
      out[i] = id;
    }
    return out;
  };
  return { a: encode(seqA), b: encode(seqB) };
}

/** "Infinity" for banded DPs: above any real cost, and INF + 1 still fits an Int32. */
export const BAND_INF = 0x3fffffff;

/** Diagonal band (d = j - i) that holds every cell of every path of cost <= bound. */
export function diagonalBand(m: number, n: number, bound: number): { lo: number; hi: number } {
  const delta = n - m;
  const half = Math.floor((bound - Math.abs(delta)) / 2);
  return { lo: Math.min(0, delta) - half, hi: Math.max(0, delta) + half };
}

/** Plain Wagner-Fischer in two rows over a[a0..a1) x b[b0..b1): the reference. */
export function wagnerFischerDistance(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  a0 = 0,
  a1 = a.length,
  b0 = 0,
  b1 = b.length,
): number {
  const m = a1 - a0;
  const n = b1 - b0;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev = new Int32Array(n + 1);
  let cur = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const ai = a[a0 + i - 1];
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      if (ai === b[b0 + j - 1]) {
        cur[j] = prev[j - 1]!;
      } else {
        let v = prev[j - 1]!;
        const up = prev[j]!;
        const left = cur[j - 1]!;
        if (up < v) v = up;
        if (left < v) v = left;
        cur[j] = v + 1;
      }
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[n]!;
}

/**
 * Banded Wagner-Fischer rows 0..rows of a[a0..a0+rows) against b[b0..b0+n): only
 * columns i+lo..i+hi of row i are computed; cells just outside the band read as
 * BAND_INF. `prev` and `cur` are two scratch rows of n + 2 cells; returns the one
 * holding row `rows` (the other is left as scratch). Shared by the bounded distance and
 * Hirschberg's forward half, whose costs must agree cell for cell.
 */
export function bandedRows(
  a: ArrayLike<number>,
  a0: number,
  b: ArrayLike<number>,
  b0: number,
  rows: number,
  n: number,
  lo: number,
  hi: number,
  prev: Int32Array,
  cur: Int32Array,
): Int32Array {
  const h0 = Math.min(n, hi);
  for (let j = 0; j <= h0; j++) prev[j] = j;
  prev[h0 + 1] = BAND_INF;
  for (let i = 1; i <= rows; i++) {
    const ai = a[a0 + i - 1];
    const jl = Math.max(0, i + lo);
    const jh = Math.min(n, i + hi);
    let j = jl;
    if (jl === 0) {
      cur[0] = i;
      j = 1;
    } else {
      cur[jl - 1] = BAND_INF;
    }
    for (; j <= jh; j++) {
      if (ai === b[b0 + j - 1]) {
        cur[j] = prev[j - 1]!;
      } else {
        let v = prev[j - 1]!;
        const up = prev[j]!;
        const left = cur[j - 1]!;
        if (up < v) v = up;
        if (left < v) v = left;
        cur[j] = v + 1;
      }
    }
    cur[jh + 1] = BAND_INF;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev;
}

/**
 * The distance of a[a0..a1) and b[b0..b1) if it is at most `bound`, else null; work
 * m * (bound + 1) at most, memory two rows.
 */
export function boundedEditDistance(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  bound: number,
  a0 = 0,
  a1 = a.length,
  b0 = 0,
  b1 = b.length,
): number | null {
  const m = a1 - a0;
  const n = b1 - b0;
  if (Math.abs(n - m) > bound) return null;
  if (m === 0 || n === 0) return Math.max(m, n);
  const { lo, hi } = diagonalBand(m, n, bound);
  const last = bandedRows(a, a0, b, b0, m, n, lo, hi, new Int32Array(n + 2), new Int32Array(n + 2));
  const d = last[n]!;
  return d <= bound ? d : null;
}

/** Exact distance of a[a0..a1) and b[b0..b1) by the fastest applicable method (see the file header). */
export function rangeEditDistance(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
): number {
  const m = a1 - a0;
  const n = b1 - b0;
  if (m === 0 || n === 0) return Math.max(m, n);
  // The shorter sequence is the bit-vector "pattern": fewer words per column.
  const bp = m <= n ? bitParallelDistance(a, b, a0, a1, b0, b1) : bitParallelDistance(b, a, b0, b1, a0, a1);
  if (bp !== null) return bp;
  // Bands cost m * (bound + 1); past a quarter of the matrix the plain DP is cheaper overall.
  for (let bound = Math.max(32, Math.abs(n - m)); bound + 1 <= Math.min(m, n) / 4; bound *= 2) {
    const d = boundedEditDistance(a, b, bound, a0, a1, b0, b1);
    if (d !== null) return d;
  }
  return wagnerFischerDistance(a, b, a0, a1, b0, b1);
}

/**
 * Levenshtein distance with unit costs, memory linear. A common prefix and suffix never
 * change the distance and are skipped first.
 */
export function sequenceEditDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let start = 0;
  let endA = a.length;
  let endB = b.length;
  while (start < endA && start < endB && a[start] === b[start]) start++;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return rangeEditDistance(a, b, start, endA, start, endB);
}

/** d_norm: distance / max(len A, len B); two empty sequences score 0. */
export function normalizedDistance(distance: number, lenA: number, lenB: number): number {
  const max = Math.max(lenA, lenB);
  return max === 0 ? 0 : distance / max;
}
