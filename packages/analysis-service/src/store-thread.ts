/**
 * Analyzing and storing a run in a thread of its own, for the web process: loading a
 * large run's content (58 MB for 10,000 spans), and serializing and storing its
 * analysis, would otherwise hold the web process's event loop for seconds, and every
 * other answer (the span a user just clicked) waits behind it. The thread has its own
 * database pool; the caller reads the stored result back from the cache.
 */
import { Worker } from "node:worker_threads";
import { workerEntryPath } from "@onset/analysis/worker";

/** What the thread is asked (store-thread-body.ts): a run to analyze and store, or (`warm`) only to open its pool. */
export type StoreRequest = { id: number; databaseUrl: string } & ({ projectId: string; traceId: string } | { warm: true });

/** What the thread answers: done, or the error's name and message. */
export interface StoreReply {
  id: number;
  error?: string;
}

/** The thread's entry on disk (beside this file, or the package export when bundled). */
const entry = () => workerEntryPath(import.meta.url, "store-thread-entry.mjs", "@onset/analysis-service/store-thread-entry");

/** The one store thread, started at first use and again after it died; requests queue in it. */
class StoreThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();

  // The entry is a field, not an expression at `new Worker`: a bundler would try to resolve the latter.
  constructor(private readonly entry: string) {}

  /** Sends a request; resolves when the thread answers it. */
  run(req: { databaseUrl: string } & ({ projectId: string; traceId: string } | { warm: true })): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { resolve, reject });
      this.thread().postMessage({ ...req, id } satisfies StoreRequest);
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.entry);
    w.unref();
    w.on("message", (m: StoreReply) => {
      const p = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error) p?.reject(new Error(m.error));
      else p?.resolve();
    });
    const fail = (err: Error) => {
      if (this.worker === w) this.worker = null;
      for (const p of this.waiting.values()) p.reject(err);
      this.waiting.clear();
    };
    w.on("error", fail);
    w.on("exit", (code) => fail(new Error(`the store thread exited (${code})`)));
    this.worker = w;
    return w;
  }
}

let storeThread: StoreThread | null = null;

/**
 * Starts the store thread now and has it open its pool on `databaseUrl` (the web
 * process's start-up hook calls it), so the first cache miss does not pay the thread's
 * start-up: loading its TypeScript modules and starting its own analysis thread took
 * ~3 s of the first open's diagnosis (docs/adr/0010-first-open-analysis-in-a-thread.md).
 * Resolves when the thread is ready; rejects with its error.
 */
export function warmStoreThread(databaseUrl: string): Promise<void> {
  storeThread ??= new StoreThread(entry());
  return storeThread.run({ databaseUrl, warm: true });
}

/**
 * Analyzes one run and stores the result (as the quiet-run timer does) in the store
 * thread, using its own pool on `databaseUrl`; rejects with the thread's error.
 */
export function analyzeAndStoreInThread(databaseUrl: string, projectId: string, traceId: string): Promise<void> {
  storeThread ??= new StoreThread(entry());
  return storeThread.run({ databaseUrl, projectId, traceId });
}
