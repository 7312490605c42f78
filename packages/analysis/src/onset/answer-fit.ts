/**
 * Does the final answer answer the question? When the task asks for a quantity ("how
 * many", "how much", "what year", "what percentage") and the run's final answer holds no
 * number at all, the answer does not address the task, whatever it says. Deliberately
 * narrow: names, places and free-text answers cannot be checked without knowing the
 * answer, so only the expected kind of a quantity is.
 */
import { contentMessages, contentText } from "../spans/span-text";
import { clip } from "../spans/text-hash";
import type { RunModel } from "../steps/run-model";
import type { StepModel } from "../steps/step-model";
import { pointAt, type OnsetContext } from "./onset-context";
import { finalStep } from "./signal-terminal";

const MISSED_ANSWER_WEIGHT = 0.5;

/** The run's final answer: the root span's output when it has one, else the last answering step's text. */
export function finalAnswer(model: RunModel): string | null {
  const { spans, roots } = model.index;
  for (const r of roots) {
    const out = spans[r]!.output;
    if (out !== null) return contentText(out);
  }
  const last = model.steps[model.steps.length - 1];
  return last !== undefined && last.role === "answer" ? last.llmText : null;
}

/** The task as the agent got it: the root span's input, else the first user message a decision saw. */
function taskText(model: RunModel): string {
  const { spans, roots } = model.index;
  for (const r of roots) {
    const t = contentText(spans[r]!.input);
    if (t.trim() !== "") return t;
  }
  for (const step of model.steps) {
    if (step.llm < 0) continue;
    const user = contentMessages(spans[step.llm]!.input).find((m) => m.role === "user" && m.content.trim() !== "");
    if (user !== undefined) return user.content;
  }
  return "";
}

const TASK_CHARS = 8_000;
/** A question asking for a quantity. */
const QUANTITY_QUESTION = /\b(?:how (?:many|much|long|old|far|often)|what (?:year|percentage|percent|number|fraction|share)|in (?:what|which) year|what (?:is|was|were) the (?:number|total|sum|count|amount|percentage|average|mean|median|population|difference|ratio))\b/i;
const NUMBER_WORDS = /\b(?:zero|none|no|nil|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|half|once|twice)\b/i;

/** A question that is an item of a numbered or bulleted list. */
const LIST_ITEM = /^(?:\d{1,2}[.)]|[-*•])\s/;
/** A task telling the agent not to answer its questions. */
const NOT_ANSWERED = /\b(?:do not|don['’]t|never) answer (?:any of )?(?:the|these|this|its) questions?\b/i;

/** The part of a task read, with escaped newlines (a JSON-encoded task) made real. */
function taskHead(task: string): string {
  return task.slice(0, TASK_CHARS).replace(/\\n/g, "\n");
}

/** The last question of the task (the sentence ending at its last "?"), if any. */
export function lastQuestion(task: string): string | null {
  const text = taskHead(task);
  const q = text.lastIndexOf("?");
  if (q < 0) return null;
  const before = text.slice(0, q);
  const start = Math.max(before.lastIndexOf(". "), before.lastIndexOf("\n"), before.lastIndexOf("! "), before.lastIndexOf("? "));
  return text.slice(start + 1, q + 1).trim();
}

/** The line holding the task's last question mark, from its start. */
function questionLine(task: string): string {
  const text = taskHead(task);
  const q = text.lastIndexOf("?");
  return text.slice(text.lastIndexOf("\n", q) + 1, q + 1).trim();
}

/** A final answer that misses the question's kind: the step that gave it, and one sentence. */
export interface AnswerMiss {
  step: StepModel | null;
  text: string;
}

/** The final answer gives no number although the task's question asks for one. */
export function answerMissesQuestion(model: RunModel): AnswerMiss | null {
  const task = taskText(model);
  const question = lastQuestion(task);
  // One item of a list of questions is not the task's question, and a task may say what
  // to write instead ("Do not answer any of the questions in this prompt").
  if (question === null || LIST_ITEM.test(questionLine(task)) || NOT_ANSWERED.test(task.slice(0, TASK_CHARS))) return null;
  const asks = QUANTITY_QUESTION.exec(question);
  if (asks === null) return null;
  const answer = finalAnswer(model);
  if (answer === null || answer.trim() === "") return null; // an empty answer is its own sign
  const head = answer.slice(0, 2_000);
  if (/\d/.test(head) || NUMBER_WORDS.test(head)) return null;
  return { step: finalStep(model.steps), text: `the task asks "${asks[0]}" and the final answer ("${clip(answer, 80)}") gives no number` };
}

/** Failed runs: blames the answering step of an answer that misses its question. */
export function answerFitSignal(ctx: OnsetContext): void {
  if (!ctx.failed) return;
  const miss = answerMissesQuestion(ctx.model);
  if (miss === null || miss.step === null) return;
  ctx.board.add(miss.step, "incorrect", { kind: "unanswered-question", text: miss.text, spanIds: pointAt(ctx, miss.step), weight: MISSED_ANSWER_WEIGHT });
}
