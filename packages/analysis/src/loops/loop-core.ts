/**
 * Incremental loop and stall detection over a stream of action events (docs/spec/design.md §4:
 * "same tool with the same normalized arguments repeated, A-B-A-B cycles, repeated
 * identical outputs"; docs/spec/failure-onset.md: "the same action repeated without progress
 * (its first repeat is the loop onset; the repeats are unuseful)").
 *
 * Progress is the yardstick: an event makes progress when it changes state successfully
 * or returns an output its agent has not seen before (errors never count). Each agent
 * scope keeps an epoch that progress advances; a repeat is a call whose signature last
 * ran in the current epoch. Every event is handled in O(maxPeriod) time.
 */
import type { Evidence } from "../schema/common-schema";
import type { LoopFinding, LoopKind } from "../schema/loop-schema";
import { roundUsd } from "../spans/token-sums";
import { clip } from "../spans/text-hash";

/** One action (or LLM-only output) as the detector sees it. */
export interface LoopEvent {
  spanId: string;
  scope: string;
  /** "Same call" identity: tool plus normalized arguments (or llm:<output hash>). */
  signature: string;
  /** Fingerprint of the output (volatile bits masked). */
  fingerprint: string;
  hasOutput: boolean;
  ok: boolean;
  isChange: boolean;
  /** An LLM output with no tool call: progress only when its text is new to its agent. */
  isLlmOutput: boolean;
  /** The event span's own cost (tool cost; 0 for LLM outputs, whose cost is their decision's). */
  costUsd: number;
  /** Decision LLM span that issued the event (for wasted tokens), or null. */
  llmSpanId: string | null;
}

/** Thresholds of the detector. */
export interface LoopOptions {
  /** Occurrences of the same call without progress that make a repeated-call loop (default 3). */
  minRepeats?: number;
  /** Longest cycle looked for (default 4). */
  maxPeriod?: number;
  /** Consecutive identical outputs from different calls that make a repeated-output loop (default 3). */
  minSameOutputs?: number;
  /** Consecutive events without progress that make a stall (default 8). */
  stallEvents?: number;
}

interface FindingState {
  id: string;
  kind: LoopKind;
  scope: string;
  events: LoopEvent[];
  /** Events before this index are the first occurrence (or first period): not waste. A stall wastes all. */
  firstRepeat: number;
  period: number;
  signature: string;
}

interface SigState {
  epochAfter: number;
  run: LoopEvent[];
  finding: FindingState | null;
}

interface Recent {
  event: LoopEvent;
  epochAfter: number;
}

interface ScopeState {
  epoch: number;
  seen: Set<string>;
  sigs: Map<string, SigState>;
  recent: Recent[];
  cycle: FindingState | null;
  outRun: LoopEvent[];
  outFinding: FindingState | null;
  stallRun: LoopEvent[];
  stallFinding: FindingState | null;
  /** Count of events in the scope, and the count when a loop last opened or grew. */
  eventCount: number;
  lastLoopAt: number;
}

/** The detector's state machine; feed events in order, read findings any time. */
export class LoopCore {
  private readonly scopes = new Map<string, ScopeState>();
  private readonly llmCost = new Map<string, { tokens: number; costUsd: number }>();
  private readonly all: FindingState[] = [];
  private touched = new Set<FindingState>();
  private opened = new Set<FindingState>();
  private readonly minRepeats: number;
  private readonly maxPeriod: number;
  private readonly minSameOutputs: number;
  private readonly stallEvents: number;

  constructor(options: LoopOptions = {}) {
    this.minRepeats = Math.max(2, options.minRepeats ?? 3);
    this.maxPeriod = Math.max(2, options.maxPeriod ?? 4);
    this.minSameOutputs = Math.max(2, options.minSameOutputs ?? 3);
    this.stallEvents = Math.max(3, options.stallEvents ?? 8);
  }

  /** Records what a decision LLM span cost, for wasted-token accounting. */
  noteLlm(spanId: string, tokens: number, costUsd: number): void {
    this.llmCost.set(spanId, { tokens, costUsd });
  }

  /** Feeds one event. */
  add(e: LoopEvent): void {
    const st = this.scopeState(e.scope);
    st.eventCount++;
    // New content is progress, a tool-less turn's text included: in a group chat most
    // speakers never call tools, and a turn that says something new is not a stall.
    const progress = e.ok && (e.isChange || (e.hasOutput && !st.seen.has(e.fingerprint)));
    if (e.ok && e.hasOutput) st.seen.add(e.fingerprint);
    const epochBefore = st.epoch;
    if (progress) st.epoch++;

    const inCycle = this.trackCycle(st, e, progress);
    this.trackRepeatedCall(st, e, progress, epochBefore, inCycle);
    if (!inCycle) this.trackSameOutput(st, e, progress);
    this.trackStall(st, e, progress);

    st.recent.push({ event: e, epochAfter: st.epoch });
    if (st.recent.length > 2 * this.maxPeriod + 1) st.recent.shift();
  }

  /** Every finding so far, in the order they opened. */
  findings(): LoopFinding[] {
    return this.all.map((f) => this.snapshot(f));
  }

  /** Findings opened, and findings that grew, since the last call; resets the tracking. */
  drainChanges(): { opened: LoopFinding[]; updated: LoopFinding[] } {
    const opened = [...this.opened].map((f) => this.snapshot(f));
    const updated = [...this.touched].filter((f) => !this.opened.has(f)).map((f) => this.snapshot(f));
    this.opened = new Set();
    this.touched = new Set();
    return { opened, updated };
  }

  private scopeState(scope: string): ScopeState {
    let st = this.scopes.get(scope);
    if (st === undefined) {
      st = {
        epoch: 0,
        seen: new Set(),
        sigs: new Map(),
        recent: [],
        cycle: null,
        outRun: [],
        outFinding: null,
        stallRun: [],
        stallFinding: null,
        eventCount: 0,
        lastLoopAt: -1,
      };
      this.scopes.set(scope, st);
    }
    return st;
  }

  private open(st: ScopeState, kind: LoopKind, scope: string, events: LoopEvent[], firstRepeat: number, period: number, signature: string): FindingState {
    const f: FindingState = { id: `${kind}:${events[0]!.spanId}`, kind, scope, events, firstRepeat, period, signature };
    this.all.push(f);
    this.opened.add(f);
    this.touched.add(f);
    st.lastLoopAt = st.eventCount;
    return f;
  }

  private grow(st: ScopeState, f: FindingState, e: LoopEvent): void {
    f.events.push(e);
    this.touched.add(f);
    st.lastLoopAt = st.eventCount;
  }

  /** A-B-A-B: the last `p` signatures equal the `p` before them, with no progress in between. */
  private trackCycle(st: ScopeState, e: LoopEvent, progress: boolean): boolean {
    const r = st.recent;
    const len = r.length;
    if (st.cycle !== null) {
      const p = st.cycle.period;
      if (!progress && len >= p && r[len - p]!.event.signature === e.signature) {
        this.grow(st, st.cycle, e);
        st.sigs.set(e.signature, { epochAfter: st.epoch, run: [e], finding: null });
        return true;
      }
      st.cycle = null;
    }
    if (progress) return false;
    for (let p = 2; p <= this.maxPeriod; p++) {
      if (len < 2 * p - 1) break;
      if (r[len - p]!.event.signature !== e.signature) continue;
      let match = true;
      for (let i = 1; i < p && match; i++) if (r[len - i]!.event.signature !== r[len - i - p]!.event.signature) match = false;
      if (!match) continue;
      const period = [...r.slice(len - p + 1).map((x) => x.event.signature), e.signature];
      if (new Set(period).size === 1) continue;
      // No progress across the second period: the epoch after the first period's end is the current one.
      if (r[len - p]!.epochAfter !== st.epoch) continue;
      const events = [...r.slice(len - 2 * p + 1).map((x) => x.event), e];
      st.cycle = this.open(st, "cycle", e.scope, events, p, p, period.map(shortSig).join(" -> "));
      for (const x of events) st.sigs.set(x.signature, { epochAfter: st.epoch, run: [x], finding: null });
      return true;
    }
    return false;
  }

  private trackRepeatedCall(st: ScopeState, e: LoopEvent, progress: boolean, epochBefore: number, inCycle: boolean): void {
    if (inCycle) return;
    const prev = st.sigs.get(e.signature);
    if (prev !== undefined && !progress && prev.epochAfter === epochBefore) {
      prev.run.push(e);
      prev.epochAfter = st.epoch;
      if (prev.finding !== null) this.grow(st, prev.finding, e);
      else if (prev.run.length >= this.minRepeats) {
        prev.finding = this.open(st, e.isLlmOutput ? "repeated-output" : "repeated-call", e.scope, [...prev.run], 1, 1, shortSig(e.signature));
      }
      return;
    }
    st.sigs.set(e.signature, { epochAfter: st.epoch, run: [e], finding: null });
  }

  private trackSameOutput(st: ScopeState, e: LoopEvent, progress: boolean): void {
    const run = st.outRun;
    const last = run[run.length - 1];
    if (!progress && e.hasOutput && !e.isLlmOutput && last !== undefined && last.fingerprint === e.fingerprint) {
      run.push(e);
      if (st.outFinding !== null) this.grow(st, st.outFinding, e);
      else if (run.length >= this.minSameOutputs && new Set(run.map((x) => x.signature)).size >= 2) {
        st.outFinding = this.open(st, "repeated-output", e.scope, [...run], 1, 1, `same output from ${new Set(run.map((x) => shortSig(x.signature))).size} different calls`);
      }
      return;
    }
    st.outRun = e.hasOutput && !e.isLlmOutput ? [e] : [];
    st.outFinding = null;
  }

  private trackStall(st: ScopeState, e: LoopEvent, progress: boolean): void {
    if (progress) {
      st.stallRun = [];
      st.stallFinding = null;
      return;
    }
    if (st.stallFinding !== null) {
      this.grow(st, st.stallFinding, e);
      return;
    }
    // A loop reported on this event explains the stretch so far; count afresh after it.
    if (st.lastLoopAt === st.eventCount) {
      st.stallRun = [];
      return;
    }
    st.stallRun.push(e);
    if (st.stallRun.length >= this.stallEvents) {
      st.stallFinding = this.open(st, "stall", e.scope, [...st.stallRun], 0, 1, `${st.stallRun.length} actions without a state change or new output`);
    }
  }

  private snapshot(f: FindingState): LoopFinding {
    const spanIds = f.events.map((x) => x.spanId);
    const repeats = f.events.slice(f.firstRepeat);
    const firstLlms = new Set(f.events.slice(0, f.firstRepeat).map((x) => x.llmSpanId));
    const counted = new Set<string>();
    let tokens = 0;
    let cost = 0;
    for (const x of repeats) {
      cost += x.costUsd;
      const llm = x.llmSpanId;
      if (llm === null || counted.has(llm) || firstLlms.has(llm)) continue;
      counted.add(llm);
      const c = this.llmCost.get(llm);
      if (c !== undefined) {
        tokens += c.tokens;
        cost += c.costUsd;
      }
    }
    const count = f.kind === "cycle" ? Math.floor(f.events.length / f.period) : f.events.length;
    const confidence = confidenceOf(f.kind, count);
    const evidence: Evidence[] = [
      {
        kind: f.kind === "stall" ? "repeated-action" : "loop-onset",
        text: describe(f, count),
        spanIds: [f.events[f.firstRepeat]!.spanId],
        weight: confidence,
      },
    ];
    return {
      id: f.id,
      kind: f.kind,
      scope: f.scope,
      spanIds,
      onsetSpanId: f.events[f.firstRepeat]!.spanId,
      count,
      period: f.period,
      signature: f.signature,
      wastedTokens: tokens,
      wastedCostUsd: roundUsd(cost),
      evidence,
      confidence,
    };
  }
}

function shortSig(signature: string): string {
  return clip(signature, 120);
}

function confidenceOf(kind: LoopKind, count: number): number {
  const base = kind === "stall" ? 0.4 : kind === "repeated-output" ? 0.5 : 0.6;
  const min = kind === "cycle" ? 2 : kind === "stall" ? 8 : 3;
  return Math.min(0.95, base + 0.08 * Math.max(0, count - min));
}

function describe(f: FindingState, count: number): string {
  switch (f.kind) {
    case "repeated-call":
      return `${f.signature} called ${count} times with no state change or new output in between`;
    case "cycle":
      return `cycle of ${f.period} calls (${f.signature}) repeated ${count} times without progress`;
    case "repeated-output":
      return `${f.signature}: identical output ${count} times in a row`;
    case "stall":
      return `stall: ${count} actions in a row without a state change or new output`;
  }
}
