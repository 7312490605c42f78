/** A small seeded PRNG (mulberry32) so fuzz runs are identical run to run. */

/** Random helpers over one seeded stream. */
export interface Rng {
  /** Uniform in [0, 1). */
  next: () => number;
  /** Integer in [0, n). */
  int: (n: number) => number;
  /** One element of `items`. */
  pick: <T>(items: readonly T[]) => T;
  /** `n` random bytes. */
  bytes: (n: number) => Buffer;
}

/** A deterministic random stream for `seed`. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[int(items.length)]!,
    bytes: (n: number) => {
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i++) b[i] = int(256);
      return b;
    },
  };
}
