/**
 * Errors and what consumed them (docs/spec/failure-onset.md: "a nonzero exit code or error text
 * ... and what consumed it"). An error is benign when it is the environment's (outage,
 * timeout, rate limit), an exploration that found nothing, or a failed LLM call that was
 * retried. Otherwise it is recovered when the same action (same tool, program and file)
 * later succeeds in the same agent: immediately = a typo fixed, no blame; after a detour
 * = a little blame. An error never recovered blames its step, and the next step of the
 * agent that carried on without retrying it consumed it (the downstream chain).
 * Check failures are left to the regression and terminal signals.
 */
import { clip } from "../spans/text-hash";
import { OBSERVATION_TOOL } from "../steps/step-containers";
import type { ActionModel, StepModel } from "../steps/step-model";
import { pointAt, stepName, stepNumber, type OnsetContext } from "./onset-context";
import { refusedRepeats } from "./refused-repeats";

/** An error nothing later recovered. */
export interface OpenError {
  step: StepModel;
  action: ActionModel;
  environmental: boolean;
}

/** What the error signal found, for the terminal signal and the onset's conflict notes. */
export interface ErrorFindings {
  firstError: { step: StepModel; action: ActionModel; recoveredAt: number | null } | null;
  open: OpenError[];
}

const UNRESOLVED_CHANGE_WEIGHT = 0.6;
const UNRESOLVED_OTHER_WEIGHT = 0.4;
const CONSUMER_WEIGHT = 0.3;
const REPEATED_FAILURE_WEIGHT = 0.2;
const FIRST_ERROR_WEIGHT = 0.1;

/**
 * Same action, for resolution: tool, program, and first file. A step container's
 * observation (step-containers.ts) is no particular action — every step of a code-writing
 * agent has one — so its key is the error itself: a later clean observation does not
 * recover it, the same error again repeats it.
 */
export function targetKey(a: ActionModel): string {
  if (a.tool === OBSERVATION_TOOL) return `${a.tool}|${a.error?.text.slice(0, 80) ?? ""}`;
  const tool = a.signature.slice(0, a.signature.indexOf("("));
  return `${tool}|${a.program}|${a.writePaths[0] ?? a.readPaths[0] ?? ""}`;
}

/** Edit distance at most 3 between two short commands (whitespace collapsed). */
export function nearDuplicate(a: string, b: string): boolean {
  const x = a.replace(/\s+/g, " ").trim();
  const y = b.replace(/\s+/g, " ").trim();
  if (x === y || Math.abs(x.length - y.length) > 3 || x.length > 300) return false;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > 3) return false;
    prev = cur;
  }
  return prev[y.length]! <= 3;
}

function benignReason(a: ActionModel, repeats: ReadonlySet<ActionModel>): string | null {
  if (a.error === null) return null;
  if (repeats.has(a)) return "a repeat of a call that had already succeeded, refused: nothing was lost";
  if (a.error.category === "environment") return "an environment failure (outage, timeout, rate limit), not the step's decision";
  if (a.kind === "explore" && a.error.category === "not-found") return "an exploration that found nothing";
  return null;
}

/** Adds error evidence and returns the open errors. */
export function errorSignal(ctx: OnsetContext): ErrorFindings {
  const steps = ctx.steps;
  // Backward pass: the next step (same agent) where each action target succeeds.
  const keyOf = new Map<ActionModel, string>();
  const key = (a: ActionModel): string => {
    let k = keyOf.get(a);
    if (k === undefined) {
      k = targetKey(a);
      keyOf.set(a, k);
    }
    return k;
  };
  const recoveredAt = new Map<string, number>();
  const nextOk = new Map<string, number>();
  for (let k = steps.length - 1; k >= 0; k--) {
    const step = steps[k]!;
    for (const a of step.actions) {
      if (a.error === null || a.error.category === "check-failed") continue;
      const at = nextOk.get(`${step.agentId}\u0000${key(a)}`);
      if (at !== undefined) recoveredAt.set(a.spanId, at);
    }
    for (const a of step.actions) if (a.ok) nextOk.set(`${step.agentId}\u0000${key(a)}`, step.index);
  }
  // A typo fixed at once: the agent's next step runs a near-identical command successfully.
  for (const agent of ctx.model.agents) {
    for (let k = 0; k + 1 < agent.steps.length; k++) {
      const next = agent.steps[k + 1]!;
      for (const a of agent.steps[k]!.actions) {
        if (a.error === null || a.command === null || recoveredAt.has(a.spanId)) continue;
        if (next.actions.some((b) => b.ok && b.command !== null && nearDuplicate(a.command!, b.command))) recoveredAt.set(a.spanId, next.index);
      }
    }
  }

  const positionInAgent = new Map<StepModel, { list: StepModel[]; pos: number }>();
  for (const agent of ctx.model.agents) agent.steps.forEach((s, pos) => positionInAgent.set(s, { list: agent.steps, pos }));

  const findings: ErrorFindings = { firstError: null, open: [] };
  const repeats = refusedRepeats(steps);
  const scale = ctx.failed ? 1 : 0.5;
  // One unresolved problem is one blame: later failures of the same action only repeat it.
  const blamedTargets = new Map<string, StepModel>();
  for (const step of steps) {
    if (step.llmError !== null) {
      ctx.board.add(step, "note", { kind: "recovered-error", text: `LLM call failed (${clip(step.llmError, 100)}); benign unless nothing followed`, spanIds: [step.id], weight: 0 });
    }
    for (const a of step.actions) {
      if (a.error === null || a.error.category === "check-failed") continue;
      const what = `${clip(a.command ?? a.tool, 80)} failed: ${clip(a.error.text, 120)}`;
      const benign = benignReason(a, repeats);
      const recovered = recoveredAt.get(a.spanId) ?? null;
      if (benign !== null) {
        ctx.board.add(step, "note", { kind: "recovered-error", text: `${what} — ${benign}`, spanIds: [a.spanId], weight: 0 });
        if (a.error.category === "environment" && recovered === null) findings.open.push({ step, action: a, environmental: true });
        continue;
      }
      if (findings.firstError === null) findings.firstError = { step, action: a, recoveredAt: recovered };
      if (recovered !== null) {
        const gap = recovered - step.index;
        const weight = gap <= 1 ? 0 : gap <= 3 ? 0.1 : 0.25;
        ctx.board.add(step, weight > 0 ? "incorrect" : "note", {
          kind: "recovered-error",
          text: `${what}; the same action succeeded at step ${stepNumber(recovered)}${gap > 1 ? ` after a ${gap - 1}-step detour` : ""}`,
          spanIds: [a.spanId],
          weight: weight * scale,
        });
        continue;
      }
      const targetId = `${step.agentId}\u0000${key(a)}`;
      const earlier = blamedTargets.get(targetId);
      if (earlier !== undefined) {
        ctx.board.add(step, "incorrect", { kind: "unresolved-error", text: `${what}; the same action already failed at ${stepName(earlier)} and never succeeded`, spanIds: [a.spanId], weight: REPEATED_FAILURE_WEIGHT * scale });
        continue;
      }
      blamedTargets.set(targetId, step);
      const weight = (a.kind === "change" || a.kind === "submit" ? UNRESOLVED_CHANGE_WEIGHT : UNRESOLVED_OTHER_WEIGHT) * scale;
      ctx.board.add(step, "incorrect", { kind: "unresolved-error", text: `${what}; never succeeded later`, spanIds: [a.spanId], weight });
      findings.open.push({ step, action: a, environmental: false });
      const where = positionInAgent.get(step);
      const consumer = where?.list[where.pos + 1];
      if (consumer !== undefined) {
        const own = key(a);
        const retried = consumer.actions.some((c) => key(c) === own);
        if (!retried) {
          const ev = { kind: "consumed-error" as const, text: `carried on after ${stepName(step)}'s unresolved error (${clip(a.error.text, 80)}) without retrying or fixing it`, spanIds: pointAt(ctx, consumer), weight: CONSUMER_WEIGHT * scale };
          ctx.board.add(consumer, "incorrect", ev);
          ctx.board.add(consumer, "affected", { ...ev, weight: 0 });
        }
      }
    }
  }
  const first = findings.firstError;
  if (first !== null) {
    const recovered = first.recoveredAt !== null;
    ctx.board.add(first.step, recovered ? "note" : "incorrect", {
      kind: "first-error",
      text: recovered ? `first error of the run, recovered at step ${stepNumber(first.recoveredAt!)}: not where the failure starts` : "first error of the run, never recovered",
      spanIds: [first.action.spanId],
      weight: recovered ? 0 : FIRST_ERROR_WEIGHT * scale,
    });
  }
  return findings;
}
