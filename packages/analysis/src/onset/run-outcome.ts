/**
 * Did the run fail? The caller knows best (option); then an importer's verdict carried
 * in attribute `onset.run.outcome` on a root span (e.g. SWE-bench "resolved": false);
 * then the root span's status; else inferred from signs in the spans that the run did
 * not recover from (docs/spec/failure-onset.md §4a): a failed final LLM call; a check
 * failing at its last run with no later check passing; a step, turn or budget limit
 * reached (stated, or an agent's recorded step budget used up); an error in the last
 * two steps that the agent neither reported to the user nor acknowledged next; a final
 * answer that is empty, says the task could not be done, or gives no number when the task
 * asked "how many"; a step that contradicted a tool result (an order said delivered that
 * the tool said was processed, a total the tool's list does not add up to); a framework's parse/format error fed back to the model; an error whose tool never worked again, that the agent
 * neither acknowledged nor worked around; at least 40% of the acting steps failing.
 */
import { contentText } from "../spans/span-text";
import { clip } from "../spans/text-hash";
import { OBSERVATION_TOOL } from "../steps/step-containers";
import { answerMissesQuestion, finalAnswer } from "./answer-fit";
import { findContradictions } from "./signal-contradiction";
import { findMiscounts } from "./signal-miscount";
import type { RunOutcome } from "../schema/onset-schema";
import type { RunModel } from "../steps/run-model";
import { stepNumber } from "./onset-context";
import { refusedRepeats } from "./refused-repeats";
import type { ActionModel, StepModel } from "../steps/step-model";

/** Attribute an importer sets on the root span when the artifact says whether the run succeeded. */
export const RUN_OUTCOME_ATTRIBUTE = "onset.run.outcome";

const FAILED_WORDS = new Set(["failed", "failure", "fail", "error", "unresolved", "false", "incorrect", "wrong"]);
const SUCCEEDED_WORDS = new Set(["succeeded", "success", "resolved", "ok", "true", "passed", "pass", "correct", "solved"]);

/** Reads the outcome of a run. `explicit` is the caller's option. */
export function runOutcome(model: RunModel, explicit?: "failed" | "succeeded"): RunOutcome {
  if (explicit !== undefined) return { status: explicit, source: "option", reason: "given by the caller" };
  const { spans, roots } = model.index;
  for (const r of roots) {
    const v = spans[r]!.attributes[RUN_OUTCOME_ATTRIBUTE];
    const word = typeof v === "boolean" ? String(v) : typeof v === "string" ? v.toLowerCase() : null;
    if (word !== null && FAILED_WORDS.has(word)) return { status: "failed", source: "attribute", reason: `${RUN_OUTCOME_ATTRIBUTE}=${String(v)}` };
    if (word !== null && SUCCEEDED_WORDS.has(word)) return { status: "succeeded", source: "attribute", reason: `${RUN_OUTCOME_ATTRIBUTE}=${String(v)}` };
  }
  for (const r of roots) {
    const s = spans[r]!;
    if (s.statusCode === "error") return { status: "failed", source: "status", reason: `root span "${s.name}" ended with status error${s.statusMessage ? `: ${s.statusMessage}` : ""}` };
  }
  const inferred = inferFailure(model);
  if (inferred !== null) return { status: "failed", source: "inferred", reason: inferred };
  const okRoots = roots.map((r) => spans[r]!).filter((s) => s.statusCode === "ok");
  if (okRoots.some((s) => !setByInstrumentation(s.scopeName))) return { status: "succeeded", source: "status", reason: "root span ended with status ok" };
  const libraryOk = okRoots[0];
  if (libraryOk !== undefined) {
    return { status: "unknown", source: "none", reason: `no outcome attribute and no error; the root span's status ok was set by its instrumentation (${libraryOk.scopeName}), which says the code did not raise, not that the task succeeded` };
  }
  return { status: "unknown", source: "none", reason: "no outcome attribute, no error status, and the run ended cleanly" };
}

/**
 * Whether a span's status came from an instrumentation library rather than the
 * application: its scope names one ("openinference.instrumentation.smolagents",
 * "opentelemetry.instrumentation.openai", "@opentelemetry/instrumentation-http").
 * OpenInference's instrumentors end every span that did not raise with status ok, so on
 * such a span ok means "no exception", not "the task succeeded" (the OpenTelemetry spec
 * reserves ok for an outcome the application validated).
 */
function setByInstrumentation(scopeName: string | null): boolean {
  return scopeName !== null && /instrumentation|^traceloop\b/i.test(scopeName);
}

/** A step, turn or budget limit the framework enforced (smolagents, OpenAI Agents SDK, LangGraph, SWE-agent, AutoGen). */
const LIMIT_REACHED = /\b(?:reached (?:the )?(?:max(?:imum)?|step|turn|iteration) ?(?:number of )?(?:steps|turns|iterations|limit)|max(?:imum)?[ _-]?(?:steps|turns|iterations|rounds) (?:reached|exceeded)|MaxTurnsExceeded|AgentMaxStepsError|GraphRecursionError|recursion limit of \d+ reached|exit_(?:cost|context|format)|context (?:window|length) exceeded|exceeded (?:the )?(?:cost|budget|token) limit|step limit (?:reached|exceeded))/i;
/** Attributes where an agent span records its step budget (smolagents' run span: `smolagents.max_steps`). */
const STEP_BUDGET = /(?:^|\.)(?:max_steps|max_turns|max_iterations)$/;
const STEP_CONTAINER = /^Step (\d+)$/;

/**
 * An agent that used its whole step budget: its span records a budget (smolagents'
 * `smolagents.max_steps`) and it ran that many steps ("Step N" children, else its
 * decisions). smolagents then asks the model for a last answer outside any step, so
 * nothing in the answer says the limit was hit.
 */
function stepBudgetSpent(model: RunModel): string | null {
  const { spans, children } = model.index;
  for (const agent of model.agents) {
    const at = agent.spanId === null ? undefined : model.index.byId.get(agent.spanId);
    if (at === undefined) continue;
    let budget: number | null = null;
    for (const [key, value] of Object.entries(spans[at]!.attributes)) {
      if (!STEP_BUDGET.test(key)) continue;
      const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
      if (Number.isInteger(n) && n > 0) budget = n;
    }
    if (budget === null) continue;
    let used = 0;
    for (const c of children[at]!) {
      const m = STEP_CONTAINER.exec(spans[c]!.name);
      if (m !== null) used = Math.max(used, Number(m[1]));
    }
    if (used === 0) used = agent.steps.length;
    if (used >= budget) return `${agent.name} used its whole step budget (${used} of ${budget} steps)`;
  }
  return null;
}

/**
 * A final answer that says the task was not done. An attempt that failed ("I could not
 * find", "I was unable to") is; so is "I cannot / am unable to" with a verb of finding
 * or working something out ("I cannot determine the year"). "I cannot / am unable to"
 * with any other verb ("I am unable to offer a refund for a basic economy ticket") is
 * the agent refusing a request, which a service agent's rules often require: not a sign
 * either way.
 */
const GAVE_UP = /^(?:[^.!?\n]{0,80}?\b)?(?:I (?:could not|couldn['’]t|was unable to|wasn['’]t able to|was not able to)|(?:I (?:cannot|can['’]t|am unable to|am not able to)|I['’]m (?:unable|not able) to|unable to) (?:(?:fully|reliably|definitively|accurately|directly) )?(?:complete|find|locate|determine|answer|retrieve|access|solve|identify|verify|confirm|obtain|compute|calculate|extract|open|read|load|download|fetch|reach|get (?:the|an?|any)|provide (?:the|an?|any) (?:answer|figure|number|result|information|data))|(?:the )?task (?:could not|cannot) be (?:completed|done|solved)|no (?:answer|result|solution) (?:could be|was) found|(?:could not|cannot|can['’]t|couldn['’]t) be (?:determined|found|located|identified|verified|confirmed|retrieved|calculated|computed|answered)|failed to (?:complete|find|retrieve|solve|determine|locate))\b/i;
/** A whole answer that only says there is none (GAIA-style answers are a word or a number). */
const NO_ANSWER = /^(?:unknown|not (?:found|available|known|determined)|unavailable|undetermined|insufficient (?:information|data)|no (?:data|information|answer)(?: (?:available|found))?)[.!]?$/i;
const EMPTY_ANSWERS = new Set(["", "none", "null", "undefined", "n/a"]);

/** Texts where a framework reports a limit: the roots' output and error, the last steps' text and observations, the run's and each agent's. */
function endTexts(model: RunModel): string[] {
  const { spans, roots } = model.index;
  const texts: string[] = [];
  for (const r of roots) {
    const s = spans[r]!;
    texts.push(contentText(s.output), s.statusMessage ?? "", s.error?.message ?? "", s.error?.type ?? "");
    const exit = s.attributes["onset.run.exit_status"];
    if (typeof exit === "string") texts.push(exit);
  }
  // The run's last two steps, and each agent's: a managed agent that hit its step limit
  // handed its caller no result, whatever the caller did next.
  const ends = new Set(model.steps.slice(-2));
  for (const agent of model.agents) for (const step of agent.steps.slice(-2)) ends.add(step);
  for (const step of ends) {
    texts.push(step.llmText, step.llmError ?? "");
    for (const a of step.actions) texts.push(a.error?.text ?? "", a.output.slice(-2000));
  }
  return texts.map((t) => t.slice(0, 4000));
}

function isBenign(a: ActionModel, repeats: ReadonlySet<ActionModel>): boolean {
  return a.error === null || a.error.category === "environment" || (a.kind === "explore" && a.error.category === "not-found") || repeats.has(a);
}

/** True when a later tool-less message of the step's agent acknowledges a failure: it told the user. */
function toldTheUser(model: RunModel, step: StepModel): boolean {
  const agent = model.agents.find((a) => a.id === step.agentId);
  if (agent === undefined) return false;
  return agent.steps.some((x) => x.index > step.index && x.actions.length === 0 && ACKNOWLEDGED.test(x.llmText.slice(0, 2000)));
}

/** True when the agent's next step with words acknowledges the failure and goes on another way. */
function nextWordsAcknowledge(model: RunModel, step: StepModel): boolean {
  const agent = model.agents.find((a) => a.id === step.agentId);
  const next = agent?.steps.find((x) => x.index > step.index && x.llmText.trim() !== "");
  return next !== undefined && ACKNOWLEDGED.test(next.llmText.slice(0, 2000));
}

/** Words an agent uses when it reports a failure instead of carrying on as if nothing happened. */
const ACKNOWLEDGED = /\b(?:error|errors|failed|fails|failure|unable|cannot|can['’]t|could not|couldn['’]t|not (?:possible|able|allowed|eligible|permitted|supported|available|found)|unfortunately|apologi[sz]e|sorry|instead|retry|try (?:again|another|a different)|did not|didn['’]t|does not|doesn['’]t|do not|don['’]t|won['’]t|isn['’]t|is not|aren['’]t|are not|invalid|wrong|mistake|issue|problem|however|can only|only (?:possible|allowed|available))\b/i;

/**
 * An error whose tool never succeeded again in the same agent, that the agent's next
 * words did not acknowledge, and that no other tool of the same kind worked around in the
 * next steps: it carried on as if the call had worked. An error the agent reported
 * ("unfortunately the order cannot be exchanged") was handled, not abandoned.
 */
function ignoredError(model: RunModel, repeats: ReadonlySet<ActionModel>): string | null {
  const steps = model.steps;
  const lastOk = new Map<string, number>();
  for (const s of steps) for (const a of s.actions) if (a.ok) lastOk.set(`${s.agentId}\u0000${a.tool}`, s.index);
  for (const agent of model.agents) {
    for (let pos = 0; pos < agent.steps.length; pos++) {
      const s = agent.steps[pos]!;
      for (const a of s.actions) {
        if (isBenign(a, repeats) || a.error!.category === "check-failed") continue;
        // A step container's observation is no particular tool: every step of a
        // code-writing agent has one, so only acknowledgement can clear its error.
        const observation = a.tool === OBSERVATION_TOOL;
        const later = lastOk.get(`${s.agentId}\u0000${a.tool}`);
        if (!observation && later !== undefined && later > s.index) continue;
        const after = agent.steps.slice(pos + 1, pos + 4);
        const next = after.find((x) => x.llmText.trim() !== "");
        if (next !== undefined && ACKNOWLEDGED.test(next.llmText.slice(0, 2000))) continue;
        // Another way to the same kind of effect worked: a workaround, not an ignored error.
        if (!observation && after.some((x) => x.actions.some((b) => b.ok && b.kind === a.kind && b.tool !== a.tool))) continue;
        if (teammateFixed(steps, s, a)) continue;
        return `${clip(a.command ?? a.tool, 60)} failed at step ${stepNumber(s.index)} (${clip(a.error!.text, 100)}); it never succeeded again and the agent carried on without acknowledging it`;
      }
    }
  }
  return null;
}

/**
 * In a group chat, the next speaker with words is often a teammate who took the failure
 * up: it names the error and runs the same tool (a shared code executor) again,
 * successfully ("there was an error due to yfinance not being imported; let's correct
 * this"). The team recovered, even though the agent that failed never spoke again.
 */
function teammateFixed(steps: readonly StepModel[], failed: StepModel, action: ActionModel): boolean {
  const next = steps.slice(failed.index + 1, failed.index + 4).find((x) => x.llmText.trim() !== "");
  if (next === undefined || next.agentId === failed.agentId) return false;
  return ACKNOWLEDGED.test(next.llmText.slice(0, 2000)) && next.actions.some((b) => b.ok && b.tool === action.tool);
}

function inferFailure(model: RunModel): string | null {
  const steps = model.steps;
  const last = steps[steps.length - 1];
  if (last === undefined) return null;
  const repeats = refusedRepeats(steps);
  if (last.llmError !== null && last.actions.length === 0) {
    return FRAMEWORK_PARSE_ERROR.test(last.llmError) ? `the run ended on an error: the framework could not read the model's output at step ${stepNumber(last.index)} (${clip(last.llmError, 100)})` : "the last LLM call failed";
  }
  // A check failing at its last run, unless a later check passed: agents iterate on
  // scratch scripts (reproduce.py, then reproduce_v2.py) and a later passing
  // verification supersedes an abandoned failing one.
  // A later run with no clear outcome (exit 0, no pass or fail marker) does not clear a
  // failure: the agent never saw the check pass after it failed.
  const latest = new Map<string, { passed: boolean; at: number; unclearAfter: boolean }>();
  let lastPass = -1;
  for (const s of steps) {
    for (const a of s.actions) {
      if (a.check === null) continue;
      if (a.check.outcome === "unknown") {
        const seen = latest.get(a.check.key);
        if (seen !== undefined) seen.unclearAfter = true;
        continue;
      }
      latest.set(a.check.key, { passed: a.check.outcome === "pass", at: s.index, unclearAfter: false });
      if (a.check.outcome === "pass") lastPass = s.index;
    }
  }
  for (const [key, last] of latest) {
    if (last.passed || last.at <= lastPass) continue;
    return last.unclearAfter ? `check ${key} failed at step ${stepNumber(last.at)} and was never seen passing after it` : `check ${key} still failing at the end`;
  }
  for (const text of endTexts(model)) {
    const m = LIMIT_REACHED.exec(text);
    if (m !== null) return `the run hit a limit: "${clip(m[0], 60)}"`;
  }
  const spent = stepBudgetSpent(model);
  if (spent !== null) return spent;
  const tail = steps.slice(-2);
  for (const s of tail) {
    for (const a of s.actions) {
      if (a.error === null || a.error.category === "not-found" || repeats.has(a) || toldTheUser(model, s) || nextWordsAcknowledge(model, s)) continue;
      return `the run ended on an error: ${clip(a.error.text, 120)}`;
    }
  }
  const answer = finalAnswer(model);
  if (answer !== null) {
    if (EMPTY_ANSWERS.has(answer.trim().toLowerCase())) return "the run ended without a final answer";
    if (!/[\p{L}\p{N}]/u.test(answer)) return `the final answer ("${clip(answer.trim(), 20)}") has no letter or digit`;
    if (NO_ANSWER.test(answer.trim())) return `the final answer says there is none: "${clip(answer.trim(), 40)}"`;
    const gaveUp = GAVE_UP.exec(answer.trim().slice(0, 600));
    if (gaveUp !== null) return `the final answer says the task was not done: "${clip(gaveUp[0], 80)}"`;
  }
  const missed = answerMissesQuestion(model);
  if (missed !== null) return missed.text;
  const contradiction = findContradictions(model.steps)[0] ?? findMiscounts(model.steps)[0];
  if (contradiction !== undefined) return `at step ${stepNumber(contradiction.step.index)} the agent ${contradiction.text}`;
  return formatErrorFedBack(model) ?? ignoredError(model, repeats) ?? mostlyFailing(model, repeats);
}

/**
 * Errors a framework reports when it could not read the model's output at all (no code
 * block, malformed tool call, unparseable JSON) and feeds back for another try: the
 * decision never ran. Not a Python SyntaxError in code the agent ran (coding agents hit
 * those routinely while editing): only the framework's own parse errors.
 */
const FRAMEWORK_PARSE_ERROR = /AgentParsingError|Error in code parsing|OutputParserException|Could not parse (?:LLM|model) output|Invalid Format: Missing|your (?:output|response) was not formatted|not formatted correctly|Error while parsing tool call|failed to parse (?:the )?tool call/i;

/** A parse/format error the framework fed back to the agent: the first one, as the reason. */
function formatErrorFedBack(model: RunModel): string | null {
  for (const s of model.steps) {
    for (const a of s.actions) {
      if (a.error === null || a.error.category !== "syntax") continue;
      const text = `${a.error.text}\n${a.output.slice(0, 2000)}`;
      if (FRAMEWORK_PARSE_ERROR.test(text)) return `the framework could not read the model's output at step ${stepNumber(s.index)} (${clip(a.error.text, 100)})`;
    }
    if (s.llmError !== null && FRAMEWORK_PARSE_ERROR.test(s.llmError)) return `the framework could not read the model's output at step ${stepNumber(s.index)} (${clip(s.llmError, 100)})`;
  }
  return null;
}

/** Share of acting steps that failed, from which a run "kept failing" (with at least two). */
const FAILING_SHARE = 0.4;

/**
 * A run in which much of what the agent tried failed: at least two steps, and at least
 * 40% of the steps that acted, had an error that was neither the environment's nor an
 * exploration finding nothing. Each error may have been acknowledged; together they say
 * the agent did not get its work to run. Successful runs on the dev sets stay under it
 * (coding agents' routine failed commands are a small share of their steps).
 */
function mostlyFailing(model: RunModel, repeats: ReadonlySet<ActionModel>): string | null {
  let acting = 0;
  const failing: StepModel[] = [];
  for (const s of model.steps) {
    if (s.actions.length === 0) continue;
    acting++;
    if (s.actions.some((a) => !isBenign(a, repeats) && a.error!.category !== "check-failed")) failing.push(s);
  }
  if (failing.length < 2 || failing.length < FAILING_SHARE * acting) return null;
  return `${failing.length} of its ${acting} acting steps failed (first at step ${stepNumber(failing[0]!.index)})`;
}
