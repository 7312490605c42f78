/**
 * Linear-space alignment that reproduces the full-matrix backtrack exactly, ties included.
 *
 * Plain Hirschberg splits at the middle row at *any* column where forward + backward cost
 * is minimal, which finds *an* optimal alignment; ours must be *the* one the backtrack with
 * tie order match > substitution > insertion > deletion finds (docs/spec/run-diff.md §2). So the split
 * column is computed differently: one forward pass over the block computes the DP rows, and
 * below the middle row each cell also carries a label, "the column at which the backtrack
 * started from this cell first reaches the middle row". The label follows the same tie order
 * as the backtrack, using the same DP values, so the label of the bottom-right cell is the
 * column where the real backtrack enters the middle row. That cell is on the path, so:
 *  - the top block [0..mid]x[0..col] is an alignment problem with the same origin: its own
 *    backtrack from (mid, col) is the global one;
 *  - the bottom block [mid..m]x[col..n] has a different origin, but every cell of the global
 *    path inside it lies on an optimal path through (mid, col); there, global DP = DP(mid,col)
 *    + local DP, and each tie test the backtrack makes gives the same answer on both, so its
 *    local backtrack is the global one too.
 * Recursing on the two blocks (areas summing to half) costs about twice one DP pass; memory
 * is five rows of the block's width plus the path, and blocks below BASE_CELLS cells use the
 * full-matrix backtrack (alignment-path.ts), which is the definition. Once a block's exact
 * cost is known, its pass only visits the diagonal band that can hold optimal paths
 * (Ukkonen), which makes close runs, the common case, cost a fraction of the matrix.
 */
import { OP_MATCH, PathBuilder, alignBlock } from "./alignment-path";
import type { KeyAlignment } from "./alignment-path";
import { BAND_INF, bandedRows, diagonalBand, rangeEditDistance } from "./edit-distance";

/** Blocks with at most this many DP cells are solved with the full matrix (constant memory). */
export const DEFAULT_BASE_CELLS = 1 << 14;

/** Options of alignKeys; baseCells exists so tests can force deep recursion on small inputs. */
export interface AlignKeysOptions {
  baseCells?: number;
  /** Skip the band (tests compare banded and unbanded passes). */
  noBand?: boolean;
}

/** Reusable rows for the split passes (the widest block is the first one). */
interface Scratch {
  prev: Int32Array;
  cur: Int32Array;
  labPrev: Int32Array;
  labCur: Int32Array;
  /** DP row at the middle row, to learn the cost of the top block. */
  midRow: Int32Array;
}

/** Where the backtrack enters the middle row, and the block's costs around that cell. */
interface Split {
  col: number;
  /** Cost of the top block (0,0)..(mid,col). */
  topCost: number;
  /** Cost of the whole block (known exactly after the pass). */
  total: number;
}

/**
 * Column (relative to b0) at which the backtrack from (a1, b1) first reaches row a0 + mid.
 * One forward pass: plain DP down to the middle row, DP plus labels below it. With a finite
 * `bound` (the block's exact cost) only the diagonal band that can hold optimal paths is
 * computed: every cell of the backtrack path and every neighbour that passes a tie test lies
 * on an optimal path, hence in the band, where banded values are exact; cells outside read
 * as BAND_INF and can never win a tie.
 */
function splitColumn(
  a: ArrayLike<number>,
  a0: number,
  a1: number,
  b: ArrayLike<number>,
  b0: number,
  b1: number,
  mid: number,
  bound: number,
  s: Scratch,
): Split {
  const m = a1 - a0;
  const n = b1 - b0;
  const { lo, hi } = Number.isFinite(bound) ? diagonalBand(m, n, bound) : { lo: -m, hi: n };
  let prev = bandedRows(a, a0, b, b0, mid, n, lo, hi, s.prev, s.cur);
  let cur = prev === s.prev ? s.cur : s.prev;
  let labPrev = s.labPrev;
  let labCur = s.labCur;
  // Keep the middle row: the top block's cost is read at the split column afterwards.
  const midLo = Math.max(0, mid + lo);
  const midHi = Math.min(n, mid + hi);
  s.midRow.set(prev.subarray(midLo, midHi + 1), midLo);
  for (let i = mid + 1; i <= m; i++) {
    const ai = a[a0 + i - 1];
    const first = i === mid + 1;
    const jl = Math.max(0, i + lo);
    const jh = Math.min(n, i + hi);
    let j = jl;
    if (jl === 0) {
      cur[0] = i;
      // Column 0: only a deletion (move up) is possible.
      labCur[0] = first ? 0 : labPrev[0]!;
      j = 1;
    } else {
      cur[jl - 1] = BAND_INF;
    }
    for (; j <= jh; j++) {
      const diag = prev[j - 1]!;
      if (ai === b[b0 + j - 1]) {
        cur[j] = diag; // match: always taken first
        labCur[j] = first ? j - 1 : labPrev[j - 1]!;
        continue;
      }
      const up = prev[j]!;
      const left = cur[j - 1]!;
      let v = diag;
      if (up < v) v = up;
      if (left < v) v = left;
      cur[j] = v + 1;
      if (diag === v) {
        labCur[j] = first ? j - 1 : labPrev[j - 1]!; // substitution
      } else if (left === v) {
        labCur[j] = labCur[j - 1]!; // insertion stays in this row
      } else {
        labCur[j] = first ? j : labPrev[j]!; // deletion
      }
    }
    cur[jh + 1] = BAND_INF;
    let t = prev;
    prev = cur;
    cur = t;
    t = labPrev;
    labPrev = labCur;
    labCur = t;
  }
  const col = labPrev[n]!;
  return { col, topCost: s.midRow[col]!, total: prev[n]! };
}

/** Align a[a0..a1) with b[b0..b1) into `out`, forward order; `bound` is the block's exact cost or Infinity. */
function solve(
  a: ArrayLike<number>,
  a0: number,
  a1: number,
  b: ArrayLike<number>,
  b0: number,
  b1: number,
  bound: number,
  out: PathBuilder,
  s: Scratch,
  baseCells: number,
  banded: boolean,
): void {
  const m = a1 - a0;
  const n = b1 - b0;
  if (m <= 1 || n === 0 || (m + 1) * (n + 1) <= baseCells) {
    alignBlock(a, a0, a1, b, b0, b1, out);
    return;
  }
  const mid = m >> 1;
  const split = splitColumn(a, a0, a1, b, b0, b1, mid, banded ? bound : Infinity, s);
  // The split cell is on the backtrack path, hence on an optimal path: the two blocks'
  // exact costs are the cost up to it and the rest.
  const topCost = split.topCost;
  const bottomCost = split.total - split.topCost;
  solve(a, a0, a0 + mid, b, b0, b0 + split.col, topCost, out, s, baseCells, banded);
  solve(a, a0 + mid, a1, b, b0 + split.col, b1, bottomCost, out, s, baseCells, banded);
}

/**
 * The backtrack alignment of two key sequences (docs/spec/run-diff.md §2) in linear space. A common
 * suffix is matched first, exactly as the backtrack does; a common prefix is *not* skipped
 * (the backtrack may pair a prefix key with a later twin and put the gap first). The exact
 * cost is computed first (edit-distance.ts, bit-parallel) so that every split pass is banded;
 * with `noBand` the first pass runs unbanded and yields it.
 */
export function alignKeys(a: ArrayLike<number>, b: ArrayLike<number>, options: AlignKeysOptions = {}): KeyAlignment {
  const baseCells = Math.max(4, options.baseCells ?? DEFAULT_BASE_CELLS);
  const banded = !options.noBand;
  let endA = a.length;
  let endB = b.length;
  while (endA > 0 && endB > 0 && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  // The exact cost first (bit-parallel, milliseconds), so that even the first pass is banded.
  const bound = banded ? rangeEditDistance(a, b, 0, endA, 0, endB) : Infinity;
  const out = new PathBuilder(a.length + b.length);
  const width = endB + 2;
  const s: Scratch = {
    prev: new Int32Array(width),
    cur: new Int32Array(width),
    labPrev: new Int32Array(width),
    labCur: new Int32Array(width),
    midRow: new Int32Array(width),
  };
  solve(a, 0, endA, b, 0, endB, bound, out, s, baseCells, banded);
  for (let k = 0; k < a.length - endA; k++) out.push(OP_MATCH, endA + k, endB + k);
  return out.finish();
}
