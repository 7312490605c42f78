/**
 * Per-request phase timings, sent as a `Server-Timing` header (the browser shows them in
 * its network panel; the run page benchmark prints them). A route's code wraps a phase
 * in `timed("db", () => …)`; the route wrapper (route.ts) adds its own phases (`handler`,
 * `json`) and the process CPU time the request took (`cpu`: process-wide, so exact only
 * when no other request ran meanwhile).
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** One request's phases, in the order they ended: name and milliseconds. */
export type Phases = Array<[string, number]>;

const store = new AsyncLocalStorage<Phases>();

/** Runs `fn` with a fresh phase list that `timed` calls inside it add to. */
export function withTimings<T>(fn: (phases: Phases) => Promise<T>): Promise<T> {
  const phases: Phases = [];
  return store.run(phases, () => fn(phases));
}

/** Times `fn` as the phase `name` of the current request (no-op outside one). */
export async function timed<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    store.getStore()?.push([name, performance.now() - t]);
  }
}

/** Adds an already measured phase to the current request. */
export function addPhase(name: string, ms: number): void {
  store.getStore()?.push([name, ms]);
}

/** The `Server-Timing` header value of a phase list (`db;dur=12.3, json;dur=4.0`). */
export function serverTimingHeader(phases: Phases): string {
  return phases.map(([name, ms]) => `${name.replace(/[^A-Za-z0-9_-]/g, "_")};dur=${ms.toFixed(1)}`).join(", ");
}
