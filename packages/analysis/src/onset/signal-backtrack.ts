/**
 * Backtracks (docs/spec/failure-onset.md: "backtrack frequency (revert, checkout, undo)"): a change
 * the agent itself reverted was a wrong step. Also weaker forms of the same admission:
 * an edit whose inserted text a later edit replaces (rewritten change), and a change to
 * a file the agent never looked at (blind change; the stage's exploration-to-action
 * ratio was zero for that file).
 */
import type { ActionModel, StepModel } from "../steps/step-model";
import { isScaffoldChange, modifiesExisting } from "./check-history";
import { pointAt, stepName, type OnsetContext } from "./onset-context";

const REVERTED_WEIGHT = 0.7;
const REWRITTEN_WEIGHT = 0.35;
const BLIND_WEIGHT = 0.15;
/** Inserted text shorter than this is too generic to match later edits against. */
const MIN_EDIT_CHARS = 12;
/** Edits remembered per file for the rewritten-change check. */
const EDITS_KEPT = 20;

function isCommit(a: ActionModel): boolean {
  return a.command !== null && /\bgit\s+commit\b/.test(a.command);
}

function isSingleUndo(a: ActionModel): boolean {
  return /undo/.test(a.tool.toLowerCase()) || (a.command !== null && /\bundo_edit\b/.test(a.command));
}

/** A word ending in a file extension (`src/a.py`, `./lib/x.ts`). */
const HAS_EXTENSION = /\w\.[A-Za-z]{1,5}$/;
/** Searches and listings: their outputs name files the agent has thereby seen. */
const LISTS_FILES = /\b(?:grep|egrep|rg|ag|ack|find|fd|ls|tree|git\s+(?:status|diff|grep|ls-files)|search\w*|find_file|glob|list\w*)\b/;
/** How much of an exploring output is searched for file names. */
const SEEN_SCAN_CHARS = 4096;

/** File names an exploring output printed (grep -rn and find print paths), by splitting, not regex scanning. */
function pathsInOutput(output: string): string[] {
  const text = output.length > SEEN_SCAN_CHARS ? output.slice(0, SEEN_SCAN_CHARS) : output;
  const out: string[] = [];
  for (const word of text.split(/[\s:'"(),;]+/)) if (word.length > 2 && HAS_EXTENSION.test(word)) out.push(baseName(word));
  return out;
}


function baseName(p: string): string {
  return p.slice(p.lastIndexOf("/") + 1);
}

/** Adds reverted/rewritten/blind change evidence. */
export function backtrackSignal(ctx: OnsetContext): void {
  let sinceReset: StepModel[] = [];
  const byPath = new Map<string, StepModel[]>();
  const edits = new Map<string, { step: StepModel; text: string }[]>();
  const seenByAgent = new Map<string, Set<string>>();
  const blamedRewrite = new Set<number>();

  for (const step of ctx.steps) {
    let seen = seenByAgent.get(step.agentId);
    if (seen === undefined) {
      seen = new Set();
      seenByAgent.set(step.agentId, seen);
    }
    for (const a of step.actions) {
      if (!a.ok) continue;
      if (a.backtrackPaths !== null) {
        const reverted = new Set<StepModel>();
        if (a.backtrackPaths.includes("*")) {
          for (const s of sinceReset) reverted.add(s);
          sinceReset = [];
          byPath.clear();
        } else {
          for (const p of a.backtrackPaths) {
            const list = byPath.get(p) ?? byPath.get(baseName(p)) ?? [];
            const undone = isSingleUndo(a) ? list.slice(-1) : list;
            for (const s of undone) reverted.add(s);
            list.splice(list.length - undone.length, undone.length);
          }
        }
        for (const s of reverted) {
          if (s === step) continue;
          ctx.board.add(s, "incorrect", {
            kind: "reverted-change",
            text: `its change was reverted at ${stepName(step)} (${a.command ?? a.tool})`,
            spanIds: pointAt(ctx, s),
            weight: REVERTED_WEIGHT,
          });
        }
        continue;
      }
      if (a.kind !== "change") {
        for (const p of a.readPaths) seen.add(p);
        // Files a search or listing printed count as seen (grep -rn output names them).
        if (LISTS_FILES.test(a.command ?? a.tool)) for (const p of pathsInOutput(a.output)) seen.add(p);
        continue;
      }
      if (isCommit(a)) {
        sinceReset = [];
        byPath.clear();
        continue;
      }
      if (a.edit?.instrumentation === true || isScaffoldChange(step, ctx.created)) continue;
      if (!sinceReset.includes(step)) sinceReset.push(step);
      for (const p of a.writePaths) {
        const list = byPath.get(p) ?? [];
        if (!list.includes(step)) list.push(step);
        byPath.set(p, list);
      }
      if (a.edit !== null && a.edit.path !== null) {
        const path = a.edit.path;
        const prior = edits.get(path) ?? [];
        const old = a.edit.oldText?.trim() ?? "";
        if (old.length >= MIN_EDIT_CHARS) {
          for (const e of prior) {
            if (e.step === step || blamedRewrite.has(e.step.index)) continue;
            if (old.includes(e.text) || e.text.includes(old)) {
              blamedRewrite.add(e.step.index);
              ctx.board.add(e.step, "incorrect", {
                kind: "rewritten-change",
                text: `the text it inserted into ${path} was replaced again at ${stepName(step)}`,
                spanIds: pointAt(ctx, e.step),
                weight: REWRITTEN_WEIGHT,
              });
            }
          }
        }
        const inserted = a.edit.newText?.trim() ?? "";
        if (inserted.length >= MIN_EDIT_CHARS) {
          prior.push({ step, text: inserted });
          if (prior.length > EDITS_KEPT) prior.shift();
          edits.set(path, prior);
        }
      }
      if (modifiesExisting(a) && !isScaffoldChange(step, ctx.created) && a.writePaths.length > 0 && a.writePaths.every((p) => !seen.has(p) && !seen.has(baseName(p)))) {
        const from = ctx.model.stages[ctx.model.stages[step.stageIndex]?.parentIndex ?? -1];
        const ratio = from === undefined ? "" : `; the stage it acted from had an exploration ratio of ${from.explorationRatio.toFixed(2)}`;
        ctx.board.add(step, "incorrect", {
          kind: "blind-change",
          text: `changed ${a.writePaths.join(", ")} without having read or searched it first${ratio}`,
          spanIds: [a.spanId],
          weight: BLIND_WEIGHT,
        });
      }
      for (const p of a.writePaths) {
        seen.add(p);
        seen.add(baseName(p));
      }
    }
    for (const a of step.actions) for (const p of a.readPaths) seen.add(baseName(p));
  }
}
