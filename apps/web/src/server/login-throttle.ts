/**
 * Login rate limiting with exponential backoff, per account (the email tried) and per
 * address. In memory, per process: right for the single web process `onset start` runs;
 * several web processes would each keep their own counts (docs/security.md).
 *
 * After ONSET_LOGIN_FREE_ATTEMPTS failures (default 5) for an account, or four times as
 * many from one address, each further failure locks that key for 1 s, 2 s, 4 s, ... up to
 * 15 minutes; attempts while locked are answered 429 with Retry-After and not checked
 * (so they cost no password hashing). A success clears the account's count. A key
 * without failures for an hour is forgotten.
 */

const MAX_LOCK_MS = 15 * 60_000;
const FORGET_MS = 3600_000;
const MAX_KEYS = 50_000;

interface Entry {
  failures: number;
  lockedUntil: number;
  last: number;
}

/** A refusal: how long to wait. */
export interface Throttled {
  retryAfterSeconds: number;
}

/** Failure counts and locks for login attempts. */
export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly freeAttempts = freeAttemptsFromEnv(),
    private readonly now: () => number = Date.now,
  ) {}

  /** Null when `email` may try from `address` now, else how long to wait. */
  check(email: string, address: string): Throttled | null {
    const t = this.now();
    const wait = Math.max(this.lockLeft(accountKey(email), t), this.lockLeft(addressKey(address), t));
    return wait > 0 ? { retryAfterSeconds: Math.ceil(wait / 1000) } : null;
  }

  /** Records a failed attempt. */
  failed(email: string, address: string): void {
    const t = this.now();
    this.bump(accountKey(email), this.freeAttempts, t);
    this.bump(addressKey(address), this.freeAttempts * 4, t);
  }

  /** Records a success: the account starts afresh (the address keeps its count). */
  succeeded(email: string): void {
    this.entries.delete(accountKey(email));
  }

  private lockLeft(key: string, t: number): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    if (t - e.last > FORGET_MS && e.lockedUntil <= t) {
      this.entries.delete(key);
      return 0;
    }
    return Math.max(0, e.lockedUntil - t);
  }

  private bump(key: string, free: number, t: number): void {
    const e = this.entries.get(key) ?? { failures: 0, lockedUntil: 0, last: t };
    if (t - e.last > FORGET_MS) e.failures = 0;
    e.failures++;
    e.last = t;
    if (e.failures > free) e.lockedUntil = t + Math.min(MAX_LOCK_MS, 1000 * 2 ** Math.min(e.failures - free - 1, 20));
    this.entries.delete(key); // re-insert: the map's order is least recently failed first
    this.entries.set(key, e);
    if (this.entries.size > MAX_KEYS) this.entries.delete(this.entries.keys().next().value!);
  }
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

function freeAttemptsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.ONSET_LOGIN_FREE_ATTEMPTS);
  return Number.isInteger(n) && n > 0 ? n : 5;
}

const g = globalThis as unknown as { __onsetLoginThrottle?: LoginThrottle };

/** The process-wide throttle. */
export function loginThrottle(): LoginThrottle {
  return (g.__onsetLoginThrottle ??= new LoginThrottle());
}
