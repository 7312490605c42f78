/**
 * The body of the store thread (store-thread.ts): for each message, loads the run's spans
 * with a database pool of its own, analyzes them (off this thread too, with the time
 * budget) and stores the result, then answers `{id}` or `{id, error}`; a `warm` message
 * only opens the pool. Runs one message at a time, in arrival order.
 */
import { parentPort } from "node:worker_threads";
import { createPool, type Pool } from "@onset/db";
import { analyzeAndStore, warmAnalysis } from "./run-analysis";
import type { StoreRequest, StoreReply } from "./store-thread";

const pools = new Map<string, Pool>();
// The analysis thread this one starts is started now, while the first run's spans load.
let queue: Promise<void> = warmAnalysis().catch(() => undefined);

parentPort!.on("message", (req: StoreRequest) => {
  queue = queue.then(async () => {
    let reply: StoreReply;
    try {
      let pool = pools.get(req.databaseUrl);
      if (!pool) pools.set(req.databaseUrl, (pool = createPool(req.databaseUrl, 2)));
      if ("warm" in req) await pool.query("select 1");
      else await analyzeAndStore(pool, req.projectId, req.traceId, undefined);
      reply = { id: req.id };
    } catch (err) {
      reply = { id: req.id, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
    parentPort!.postMessage(reply);
  });
});
