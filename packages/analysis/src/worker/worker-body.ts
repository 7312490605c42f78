/**
 * The analysis worker thread: answers each `{ id, task }` message from the pool with
 * `{ id, ok: true, value }` or `{ id, ok: false, message }`.
 */
import { parentPort } from "node:worker_threads";
import { runTask, type AnalysisTask } from "./tasks";

/** A request from the pool. */
export interface WorkerRequest {
  id: number;
  task: AnalysisTask;
}

/** The worker's answer to one request. */
export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

parentPort?.on("message", ({ id, task }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id, ok: true, value: runTask(task) };
  } catch (err) {
    reply = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
