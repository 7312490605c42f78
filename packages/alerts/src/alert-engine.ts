/**
 * The alerts engine `onset start` runs next to the collector (docs/spec/design.md §3.5): per-run
 * rules evaluated on every ingest commit from its touched run summaries and new spans
 * (cost, tokens, duration; loops through per-run streaming detectors), window rules on
 * a schedule, and the webhook delivery worker. Commits are processed one at a time in
 * arrival order, off the ingest path: onCommitted returns at once unless the backlog is
 * long, in which case it hands back the promise so ingest slows down instead of memory
 * growing.
 */
import { createLoopDetector } from "@onset/analysis";
import { aggregateAlertWindow, listEnabledAlertRules, listFailureModes, listNewFailureModes, listFiringAlertEvents, loadRunSpans, loadTouchedTrace, MAX_FAILURE_MODES, type AlertRuleRow, type CommittedBatch, type Pool, type TouchedTrace } from "@onset/db";
import type { NormalizedSpan } from "@onset/otlp";
import { AlertWriter } from "./alert-writer";
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from "./backoff";
import { utcDayStart } from "./burn-rate";
import { DeliveryWorker, type AlertLogger } from "./delivery-worker";
import { loopRuleHits } from "./loop-rules";
import { LoopTracker } from "./loop-tracker";
import { decideFailureModes, failureModeTrigger, type WindowFailureMode } from "./failure-mode-rules";
import { RUN_RULE_KINDS, WINDOW_RULE_KINDS } from "./rule-kinds";
import { inFlight, runRuleHits, type RunHit } from "./run-rules";
import { ProjectCache, RecentKeys, RuleCache } from "./ttl-caches";
import type { HostLookup } from "./webhook-target";
import { decideWindow } from "./window-rules";

/** Options of {@link createAlertEngine}. */
export interface AlertEngineOptions {
  pool: Pool;
  /** Not used (the engine reads and writes through `pool`); accepted so callers can pass their handles. */
  prisma?: unknown;
  log: AlertLogger;
  /** Base URL of the UI for links in payloads (ONSET_PUBLIC_URL). */
  publicWebUrl: string;
  /** Allow webhooks to loopback/private/link-local addresses (ONSET_ALERTS_ALLOW_PRIVATE_WEBHOOKS=1). */
  allowPrivateWebhooks: boolean;
  /** Retry and timeout policy (defaults: 8 attempts, 10 s doubling to at most 1 h, 10 s timeout). */
  delivery?: Partial<DeliveryPolicy>;
  /** Delivery poll interval (default 1 s). */
  pollMs?: number;
  /** Window rule evaluation interval (default 30 s). */
  windowEvalMs?: number;
  /** Most runs with a live loop detector (default 1000). */
  maxTrackedRuns?: number;
  /** A run fed no span for this long loses its loop detector (default 15 min). */
  quietRunMs?: number;
  /** Commits waiting before onCommitted makes ingest wait (default 64). */
  maxQueuedBatches?: number;
  /** Clock (tests). */
  now?: () => number;
  /** Host name resolver (tests). */
  lookup?: HostLookup;
}

/** A running alerts engine. */
export interface AlertEngine {
  /** Pass to startCollector({ onCommitted }): evaluates per-run rules on each commit. */
  onCommitted: (batch: CommittedBatch) => void | Promise<void>;
  /** Schedules window rule evaluation, loop detector sweeps and the delivery worker. */
  start: () => void;
  /** Stops the schedules and waits for work in progress. */
  stop: () => Promise<void>;
  /** Evaluates every enabled window rule now (the schedule calls this). */
  evaluateWindows: () => Promise<void>;
  /** Sends every delivery due now; resolves with the attempts made. */
  deliverDue: () => Promise<number>;
  /**
   * Re-checks one stored run's per-run rules (cost, tokens, duration, loops) against its
   * stored summary and spans; the worker calls it for every quiet run, so a check lost
   * with a killed collector (between a commit and its evaluation) still happens. Each
   * alert fires once: events are unique per (rule, run). Resolves with the alerts fired.
   */
  recheckRun: (projectId: string, traceId: string) => Promise<number>;
  /** Resolves once every commit handed to onCommitted so far is evaluated. */
  idle: () => Promise<void>;
  /** Figures for logs and tests. */
  stats: () => { trackedRuns: number; loopRebuilds: number; queuedBatches: number };
}

/** Creates the alerts engine (see the package README for wiring it into `onset start`). */
export function createAlertEngine(o: AlertEngineOptions): AlertEngine {
  const now = o.now ?? Date.now;
  const db = o.pool;
  const policy: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, ...o.delivery };
  const rules = new RuleCache(db);
  const writer = new AlertWriter(db, new ProjectCache(db, 60_000, now), o.publicWebUrl, now);
  const fired = new RecentKeys(20_000);
  const loops = new LoopTracker({
    maxRuns: o.maxTrackedRuns ?? 1_000,
    quietMs: o.quietRunMs ?? 15 * 60_000,
    loadSpans: (projectId, traceId) => loadRunSpans(db, projectId, traceId),
    now,
  });
  const worker = new DeliveryWorker(
    { db, policy, allowPrivateWebhooks: o.allowPrivateWebhooks, lookup: o.lookup, now },
    o.log,
    { batchSize: 20, concurrency: 4 },
  );
  const timers: NodeJS.Timeout[] = [];
  let chain: Promise<void> = Promise.resolve();
  let queued = 0;
  let windowPass: Promise<void> | null = null;

  const fireHit = async (hit: RunHit): Promise<boolean> => {
    fired.add(`${hit.rule.id}/${hit.trace.trace_id}`);
    const event = await writer.fire(hit.rule, hit.trace.trace_id, {
      subject: { scope: "run", key: hit.trace.trace_id },
      value: hit.value,
      message: hit.message,
      details: hit.details,
      run: { traceId: hit.trace.trace_id, name: hit.trace.name, inFlight: inFlight(hit.trace) },
      spanId: hit.spanId,
    });
    if (event) o.log.info(`alert fired: rule "${hit.rule.name}" (${hit.rule.kind}) on run ${hit.trace.trace_id}`);
    return event !== null;
  };

  const evaluateRun = async (trace: TouchedTrace, projectRules: AlertRuleRow[], spans: NormalizedSpan[]): Promise<boolean> => {
    const open = (r: AlertRuleRow) => !fired.has(`${r.id}/${trace.trace_id}`);
    const runRules = projectRules.filter((r) => r.kind !== "loop" && !WINDOW_RULE_KINDS.includes(r.kind as never) && open(r));
    const loopRules = projectRules.filter((r) => r.kind === "loop" && open(r));
    const hits = runRuleHits(runRules, trace, spans);
    if (loopRules.length > 0) {
      const findings = await loops.push(trace.project_id, trace, spans);
      hits.push(...loopRuleHits(loopRules, trace, findings));
    }
    let any = false;
    for (const hit of hits) if (await fireHit(hit)) any = true;
    // A finished run, or one every loop rule has fired for, needs no detector any more.
    if (!inFlight(trace) || loopRules.every((r) => !open(r))) loops.forget(trace.project_id, trace.trace_id);
    return any;
  };

  const processBatch = async (batch: CommittedBatch): Promise<void> => {
    if (batch.traces.length === 0) return;
    const byProject = await rules.rulesFor([...new Set(batch.traces.map((t) => t.project_id))]);
    const spansByRun = new Map<string, NormalizedSpan[]>();
    for (const [projectId, spans] of batch.newSpans) {
      if ((byProject.get(projectId) ?? []).length === 0) continue;
      for (const s of spans) {
        const key = `${projectId}/${s.traceId}`;
        const list = spansByRun.get(key) ?? [];
        list.push(s);
        spansByRun.set(key, list);
      }
    }
    let any = false;
    for (const trace of batch.traces) {
      const projectRules = byProject.get(trace.project_id) ?? [];
      if (projectRules.length === 0) continue;
      if (await evaluateRun(trace, projectRules, spansByRun.get(`${trace.project_id}/${trace.trace_id}`) ?? [])) any = true;
    }
    if (any) worker.kick();
  };

  const recheckRun = async (projectId: string, traceId: string): Promise<number> => {
    const perRun = ((await rules.rulesFor([projectId])).get(projectId) ?? []).filter((r) => RUN_RULE_KINDS.includes(r.kind as never));
    if (perRun.length === 0) return 0;
    const trace = await loadTouchedTrace(db, projectId, traceId);
    if (!trace) return 0;
    const loopRules = perRun.filter((r) => r.kind === "loop");
    const measured = runRuleHits(perRun, trace, []);
    if (measured.length === 0 && loopRules.length === 0) return 0;
    // The whole stored run: its newest costly span for the event's link, its loops from a fresh detector.
    const spans = await loadRunSpans(db, projectId, traceId);
    const hits = runRuleHits(perRun, trace, spans);
    if (loopRules.length > 0) {
      const detector = createLoopDetector();
      detector.push(spans);
      hits.push(...loopRuleHits(loopRules, trace, detector.findings()));
    }
    let n = 0;
    for (const hit of hits) if (await fireHit(hit)) n++;
    if (n > 0) worker.kick();
    return n;
  };

  /** The failure modes a "new failure mode" rule looks at now. */
  const windowFailureModes = async (rule: AlertRuleRow, windowStart: Date, nowMs: number): Promise<WindowFailureMode[]> => {
    if (failureModeTrigger(rule) === "first_seen") return listNewFailureModes(db, rule.projectId, windowStart);
    const modes = await listFailureModes(db, rule.projectId, { from: windowStart, until: new Date(nowMs), limit: MAX_FAILURE_MODES });
    return modes.map((m) => ({ ...m, lastTraceId: m.examples[0]?.traceId ?? null }));
  };

  const evaluateRule = async (rule: AlertRuleRow, nowMs: number): Promise<boolean> => {
    const windowStart = new Date(nowMs - (rule.windowSec ?? 3600) * 1000);
    if (rule.kind === "new_failure_mode") {
      const d = decideFailureModes(rule, await windowFailureModes(rule, windowStart, nowMs), await listFiringAlertEvents(db, rule.projectId, rule.id), nowMs);
      let fired = false;
      for (const f of d.fire) if (await writer.fire(rule, f.dedupeKey, f.facts)) fired = true;
      for (const r of d.renotify) if (await writer.renotify(rule, r.event, r.facts)) fired = true;
      for (const r of d.resolve) if (await writer.resolve(rule, r.event, r.facts)) fired = true;
      return fired;
    }
    const groups = await aggregateAlertWindow(db, rule.projectId, {
      scope: rule.scope as "project" | "user" | "session",
      windowStart,
      until: new Date(nowMs),
      dayStart: rule.kind === "window_cost" && typeof rule.config.dailyBudgetUsd === "number" ? utcDayStart(nowMs) : undefined,
    });
    const firing = await listFiringAlertEvents(db, rule.projectId, rule.id);
    const d = decideWindow(rule, groups, firing, nowMs);
    let any = false;
    for (const f of d.fire) if (await writer.fire(rule, f.dedupeKey, f.facts)) any = true;
    for (const r of d.renotify) if (await writer.renotify(rule, r.event, r.facts)) any = true;
    for (const r of d.resolve) if (await writer.resolve(rule, r.event, r.facts)) any = true;
    if (d.fire.length + d.resolve.length > 0) {
      o.log.info(`window rule "${rule.name}": ${d.fire.length} fired, ${d.resolve.length} resolved, ${d.renotify.length} re-notified`);
    }
    return any;
  };

  const evaluateWindows = async (): Promise<void> => {
    while (windowPass) await windowPass;
    windowPass = (async () => {
      const nowMs = now();
      let any = false;
      for (const rule of await listEnabledAlertRules(db, { kinds: WINDOW_RULE_KINDS })) {
        try {
          if (await evaluateRule(rule, nowMs)) any = true;
        } catch (err) {
          o.log.error(`window rule "${rule.name}" (${rule.id}) failed: ${(err as Error).message}`);
        }
      }
      loops.sweep();
      if (any) worker.kick();
    })();
    try {
      await windowPass;
    } finally {
      windowPass = null;
    }
  };

  const onCommitted = (batch: CommittedBatch): void | Promise<void> => {
    queued++;
    const p = chain
      .then(() => processBatch(batch))
      .catch((err: unknown) => o.log.error(`alert evaluation failed: ${(err as Error).message}`))
      .finally(() => {
        queued--;
      });
    chain = p;
    if (queued > (o.maxQueuedBatches ?? 64)) return p;
  };

  return {
    onCommitted,
    start() {
      worker.start(o.pollMs ?? 1_000);
      const t = setInterval(() => void evaluateWindows().catch((e: unknown) => o.log.error(`window evaluation failed: ${(e as Error).message}`)), o.windowEvalMs ?? 30_000);
      t.unref();
      timers.push(t);
    },
    async stop() {
      for (const t of timers.splice(0)) clearInterval(t);
      await chain;
      while (windowPass) await windowPass;
      await worker.stop();
    },
    evaluateWindows,
    recheckRun,
    deliverDue: () => worker.runOnce(),
    async idle() {
      let seen: Promise<void>;
      do {
        seen = chain;
        await seen;
      } while (seen !== chain);
    },
    stats: () => ({ trackedRuns: loops.size, loopRebuilds: loops.rebuilds, queuedBatches: queued }),
  };
}
