/**
 * Turns each step's action spans into classified actions (kind, paths, check, outcome,
 * error, backtrack) and derives the step's role. Runs per agent in step order so the
 * SWE-agent "open file" state carries from `open` to later `edit` commands.
 */
import type { NormalizedSpan } from "@onset/otlp";
import { actionError, checkOutcome } from "../actions/action-outcome";
import { baseToolName, classifyToolCall, toolFacts, type ToolFacts } from "../actions/classify-tool";
import { normalizeArgs, parseArgs } from "../actions/normalize-args";
import type { CheckResult } from "../schema/step-schema";
import { contentText, exitCodeOf, requestedToolCalls, spanErrorText, toolResultText } from "../spans/span-text";
import { outputFingerprint } from "../spans/text-hash";
import type { SpanIndex } from "../tree/span-index";
import { agentNameOf } from "./agent-scopes";
import type { ActionModel, AgentModel, StepModel } from "./step-model";
import { containerObservations, type ContainerObservation } from "./step-containers";

function handoffFacts(): ToolFacts {
  return toolFacts("explore");
}

/**
 * Per-run memo: agents repeat commands (tests re-run, files re-read, loops by definition),
 * so classification and output fingerprints are computed once per distinct input. Cached
 * facts are shared between actions and never mutated.
 */
export interface ParseCache {
  facts: Map<string, { facts: ToolFacts; signature: string }>;
  fingerprints: Map<string, string>;
}

/** A fresh parse cache. */
export function newParseCache(): ParseCache {
  return { facts: new Map(), fingerprints: new Map() };
}

function classified(cache: ParseCache | null, tool: string, rawArgs: string | null, openFile: string | null, isHandoff: boolean): { facts: ToolFacts; signature: string } {
  const key = `${isHandoff ? 1 : 0}\u0000${tool}\u0000${openFile ?? ""}\u0000${rawArgs ?? ""}`;
  const hit = cache?.facts.get(key);
  if (hit !== undefined) return hit;
  const parsedArgs = parseArgs(rawArgs);
  const facts = isHandoff ? handoffFacts() : classifyToolCall(tool, rawArgs, openFile, parsedArgs);
  const value = { facts, signature: `${isHandoff ? tool : baseToolName(tool)}(${normalizeArgs(rawArgs, parsedArgs)})` };
  cache?.facts.set(key, value);
  return value;
}

function fingerprint(cache: ParseCache | null, output: string): string {
  let fp = cache?.fingerprints.get(output);
  if (fp === undefined) {
    fp = outputFingerprint(output);
    cache?.fingerprints.set(output, fp);
  }
  return fp;
}

/**
 * Tools that hand the turn to another agent. Not a transfer to a human
 * (τ-bench's transfer_to_human_agents): that ends the agent's work for the user.
 */
const HANDOFF_TOOL = /^transfer_to_(?!humans?\b|humans?_)\w+$/i;

/** Classifies one action span (`cache` shares work across the actions of one run). */
export function parseAction(span: NormalizedSpan, spanIndex: number, openFile: string | null, cache: ParseCache | null = null): ActionModel {
  const isAgent = span.type === "agent";
  const tool = isAgent ? `agent:${agentNameOf(span)}` : (span.tool?.name ?? span.name);
  // A hand-off tool (OpenAI Agents SDK, Swarm, AgentChat's `transfer_to_<agent>`) passes
  // the turn on: it changes no state of the world.
  const isHandoff = isAgent || HANDOFF_TOOL.test(tool);
  const rawArgs = isAgent ? contentText(span.input) || null : (span.tool?.arguments ?? (span.type === "retriever" ? contentText(span.input) || null : null));
  const { facts, signature } = classified(cache, tool, rawArgs, openFile, isHandoff);
  const output = isAgent ? contentText(span.output) : toolResultText(span);
  const exitCode = exitCodeOf(span);
  const statusError = span.statusCode === "error" || span.error !== null;
  const spanError = statusError ? spanErrorText(span) : null;
  const check: CheckResult | null = facts.check
    ? { kind: facts.check.kind, key: `${facts.check.kind}:${facts.check.target}`, outcome: checkOutcome(exitCode, statusError, output) }
    : null;
  const error = actionError({ exitCode, statusError, spanError, output, exitOneIsBenign: facts.exitOneIsBenign, check });
  return {
    spanId: span.spanId,
    tool,
    kind: isHandoff ? "handoff" : facts.kind,
    command: facts.command,
    readPaths: facts.readPaths,
    writePaths: facts.writePaths,
    exitCode,
    ok: error === null,
    error,
    check,
    backtrackPaths: facts.backtrackPaths,
    editLines: facts.edit?.lines ?? null,
    index: spanIndex,
    signature,
    output,
    outputFingerprint: fingerprint(cache, output),
    edit: facts.edit,
    opensFile: facts.opensFile,
    program: facts.program,
  };
}

/** Characters of a container's observation compared with its actions' outputs. */
const SHOWN_PREFIX_CHARS = 2000;

/**
 * Whether a container's observation says something the step's actions do not: the step
 * has none, the container failed while they all succeeded, or its text is in none of
 * their outputs (a code agent printing what it made of its tools' results). A container
 * whose output is the decision's own text (a graph node wrapping the model call) observed
 * nothing.
 */
function showsMore(seen: ContainerObservation, step: StepModel): boolean {
  const actions = step.actions;
  if (seen.error !== null) return actions.every((a) => a.ok);
  const text = (seen.span.tool?.result ?? "").trim().slice(0, SHOWN_PREFIX_CHARS);
  if (text === "" || echoesDecision(text, step.llmText)) return false;
  return actions.length === 0 || !actions.some((a) => a.output.includes(text));
}

/** Whether a container's text is the model's own output again, whole or in part. */
function echoesDecision(text: string, decision: string): boolean {
  const own = decision.trim();
  if (own === "") return false;
  return own.includes(text) || text.includes(own.slice(0, SHOWN_PREFIX_CHARS));
}

/** Parses every step's actions and sets its role. */
export function parseStepActions(index: SpanIndex, agents: AgentModel[]): void {
  const cache = newParseCache();
  const observations = containerObservations(index, agents.flatMap((a) => a.steps));
  for (const agent of agents) {
    let openFile: string | null = null;
    for (const step of agent.steps) {
      step.actions = step.actionSpans.map((i) => {
        const a = parseAction(index.spans[i]!, i, openFile, cache);
        if (a.opensFile !== null) openFile = a.opensFile;
        return a;
      });
      // What the step's container observed, when its actions do not already show it.
      const seen = observations.get(step);
      if (seen !== undefined) {
        if (seen.parseError && step.actions.length === 0) step.llmError ??= seen.error;
        else if (showsMore(seen, step)) step.actions.push(parseAction(seen.span, index.byId.get(seen.span.spanId)!, openFile, cache));
      }
    }
    for (const step of agent.steps) {
      // A decision that asked for tools whose spans never arrived is not an answer.
      const askedForTools = step.llm >= 0 && requestedToolCalls(index.spans[step.llm]!).length > 0;
      step.role = roleOf(step, step === agent.steps[agent.steps.length - 1] && !askedForTools);
    }
  }
}

function roleOf(step: StepModel, lastOfAgent: boolean): StepModel["role"] {
  const acts = step.actions;
  if (acts.some((a) => a.kind === "change")) return "change";
  if (acts.some((a) => a.check !== null)) return "verify";
  if (acts.some((a) => a.kind === "submit")) return "submit";
  if (acts.length > 0) return "explore";
  if (lastOfAgent && step.llmText.trim() !== "") return "answer";
  return "think";
}
