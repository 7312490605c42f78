/**
 * A small pool of worker threads with a time budget per task. The budget counts from
 * the call (waiting in the queue included); past it the task's promise rejects with
 * AnalysisTimeoutError and, if the task was running, its thread is terminated (a
 * JavaScript loop cannot be interrupted any other way) and replaced on demand.
 * Idle threads are unref'd (they keep no process alive) and stop after `idleMs`.
 */
import { Worker } from "node:worker_threads";
import { OnsetError } from "@onset/otlp";
import type { AnalysisTask } from "./tasks";
import type { WorkerReply } from "./worker-body";

/** An analysis or diff that did not finish within its time budget. */
export class AnalysisTimeoutError extends OnsetError {
  constructor(readonly budgetMs: number) {
    // 503: the worker was stopped at its budget and nothing stalled; retrying later may help.
    super(503, "analysis_timed_out", `analysis timed out: it did not finish within ${budgetMs} ms (the run is too large or too unusual to analyze in time)`);
    this.name = "AnalysisTimeoutError";
  }
}

interface Job {
  id: number;
  task: AnalysisTask;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
  slot: Slot | null;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  idleTimer: NodeJS.Timeout | null;
}

/** Worker threads running AnalysisTasks. */
export class ThreadPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(
    private readonly entry: string,
    private readonly size: number,
    private readonly idleMs = 600_000,
  ) {}

  /** Runs `task` in a thread; rejects with AnalysisTimeoutError after `budgetMs`. */
  run(task: AnalysisTask, budgetMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, task, resolve, reject, slot: null, timer: setTimeout(() => this.expire(job, budgetMs), budgetMs) };
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Terminates every thread; queued and running tasks reject. */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) this.finish(job, new Error("the analysis pool was closed"));
    await Promise.all(
      this.slots.splice(0).map((s) => {
        if (s.job) this.finish(s.job, new Error("the analysis pool was closed"));
        return s.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
      slot.job = job;
      job.slot = slot;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, task: job.task });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.entry);
    const slot: Slot = { worker, job: null, idleTimer: null };
    worker.on("message", (reply: WorkerReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      this.release(slot);
      if (reply.ok) this.finish(job, null, reply.value);
      else this.finish(job, new Error(reply.message));
    });
    const die = (err: Error) => {
      this.remove(slot);
      if (slot.job) this.finish(slot.job, err);
      this.dispatch();
    };
    worker.on("error", die);
    worker.on("exit", (code) => die(new Error(`the analysis worker exited (code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  /** The slot's job is done: idle it, then start the next queued job. */
  private release(slot: Slot): void {
    slot.job = null;
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => {
      this.remove(slot);
      void slot.worker.terminate();
    }, this.idleMs);
    slot.idleTimer.unref();
    queueMicrotask(() => this.dispatch());
  }

  private expire(job: Job, budgetMs: number): void {
    const slot = job.slot;
    if (slot) {
      // Running: the only way to stop a busy thread is to terminate it.
      this.remove(slot);
      slot.job = null;
      void slot.worker.terminate();
    } else {
      const k = this.queue.indexOf(job);
      if (k >= 0) this.queue.splice(k, 1);
    }
    this.finish(job, new AnalysisTimeoutError(budgetMs));
    this.dispatch();
  }

  private remove(slot: Slot): void {
    const k = this.slots.indexOf(slot);
    if (k >= 0) this.slots.splice(k, 1);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
  }

  private finish(job: Job, err: Error | null, value?: unknown): void {
    clearTimeout(job.timer);
    job.slot = null;
    if (err) job.reject(err);
    else job.resolve(value);
  }
}
