/**
 * The alignment of two key sequences as a compact path of edit operations, plus the
 * full-matrix backtrack that defines it (docs/spec/run-diff.md §2): Wagner-Fischer,
 * then backtrack from the end with ties broken match, substitution, insertion, deletion.
 * The full matrix is the reference implementation (tests, small blocks); hirschberg.ts
 * computes the same path in linear space.
 */

/** Edit operation codes stored in KeyAlignment.ops. */
export const OP_MATCH = 0;
/** Same position, different key. */
export const OP_SUBSTITUTION = 1;
/** Key only in B (the second run). */
export const OP_INSERTION = 2;
/** Key only in A (the first run). */
export const OP_DELETION = 3;

/** An alignment in forward order: ops[k] pairs aIndex[k] with bIndex[k] (-1 = gap). */
export interface KeyAlignment {
  ops: Uint8Array;
  aIndex: Int32Array;
  bIndex: Int32Array;
  /** Number of aligned positions (pairs). */
  length: number;
  /** Levenshtein distance: substitutions + insertions + deletions. */
  distance: number;
}

/** Growable-once path buffer; capacity m + n is enough for any alignment. */
export class PathBuilder {
  readonly ops: Uint8Array;
  readonly aIndex: Int32Array;
  readonly bIndex: Int32Array;
  length = 0;
  distance = 0;

  constructor(capacity: number) {
    this.ops = new Uint8Array(capacity);
    this.aIndex = new Int32Array(capacity);
    this.bIndex = new Int32Array(capacity);
  }

  push(op: number, i: number, j: number): void {
    const k = this.length++;
    this.ops[k] = op;
    this.aIndex[k] = i;
    this.bIndex[k] = j;
    if (op !== OP_MATCH) this.distance++;
  }

  finish(): KeyAlignment {
    return {
      ops: this.ops.subarray(0, this.length),
      aIndex: this.aIndex.subarray(0, this.length),
      bIndex: this.bIndex.subarray(0, this.length),
      length: this.length,
      distance: this.distance,
    };
  }
}

/**
 * Full-matrix alignment of a[a0..a1) with b[b0..b1), appended to `out` in forward order with
 * absolute indices. Memory (a1-a0+1)*(b1-b0+1) integers: used whole only by tests and as the
 * bounded base case of Hirschberg's recursion.
 */
export function alignBlock(
  a: ArrayLike<number>,
  a0: number,
  a1: number,
  b: ArrayLike<number>,
  b0: number,
  b1: number,
  out: PathBuilder,
): void {
  const m = a1 - a0;
  const n = b1 - b0;
  const w = n + 1;
  const dp = new Int32Array((m + 1) * w);
  for (let j = 0; j <= n; j++) dp[j] = j;
  for (let i = 1; i <= m; i++) {
    const ai = a[a0 + i - 1];
    const row = i * w;
    const prevRow = row - w;
    dp[row] = i;
    for (let j = 1; j <= n; j++) {
      if (ai === b[b0 + j - 1]) {
        dp[row + j] = dp[prevRow + j - 1]!;
      } else {
        dp[row + j] = 1 + Math.min(dp[prevRow + j - 1]!, dp[prevRow + j]!, dp[row + j - 1]!);
      }
    }
  }
  // Backtrack from the end; ops come out reversed and are written back to front.
  let i = m;
  let j = n;
  const revOps: number[] = [];
  const revI: number[] = [];
  const revJ: number[] = [];
  while (i > 0 || j > 0) {
    const d = dp[i * w + j]!;
    if (i > 0 && j > 0 && a[a0 + i - 1] === b[b0 + j - 1]) {
      revOps.push(OP_MATCH);
      revI.push(a0 + i - 1);
      revJ.push(b0 + j - 1);
      i--;
      j--;
    } else if (i > 0 && j > 0 && d === dp[(i - 1) * w + j - 1]! + 1) {
      revOps.push(OP_SUBSTITUTION);
      revI.push(a0 + i - 1);
      revJ.push(b0 + j - 1);
      i--;
      j--;
    } else if (j > 0 && d === dp[i * w + j - 1]! + 1) {
      revOps.push(OP_INSERTION);
      revI.push(-1);
      revJ.push(b0 + j - 1);
      j--;
    } else {
      // Deletion is the only move left; the DP guarantees it is consistent.
      revOps.push(OP_DELETION);
      revI.push(a0 + i - 1);
      revJ.push(-1);
      i--;
    }
  }
  for (let k = revOps.length - 1; k >= 0; k--) out.push(revOps[k]!, revI[k]!, revJ[k]!);
}

/** Reference alignment with the full (m+1)*(n+1) matrix: the definition hirschberg.ts must reproduce. */
export function alignFullMatrix(a: ArrayLike<number>, b: ArrayLike<number>): KeyAlignment {
  const out = new PathBuilder(a.length + b.length);
  alignBlock(a, 0, a.length, b, 0, b.length, out);
  return out.finish();
}
