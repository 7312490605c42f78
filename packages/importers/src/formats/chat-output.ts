/**
 * Code-executor and terminal output posted as chat messages (AutoGen 0.2 / AG2
 * UserProxyAgent, Magentic-One's Executor / ComputerTerminal, AgentChat's
 * CodeExecutorAgent), and the code blocks agents ask them to run. Pure text rules:
 *   "exitcode: 1 (execution failed)\nCode output: ..."                  AG2 / AutoGen 0.2
 *   "The script ran, then exited with Unix exit code: 0\nIts output was:" Magentic-One (autogen-magentic-one)
 *   "The script ran, then exited with an error (POSIX exit code: 1)"     AgentChat CodeExecutorAgent
 *   "The script ran but produced no output to console. The Unix exit code was: 0."
 *   "Traceback (most recent call last): ..."                             a bare Python traceback
 *   "There is no code ... for me to execute" / "No code blocks found"    nothing was run
 * With exit code 0, a traceback counts as an error only when its exception line ends the
 * output (a traceback quoted in the middle of printed text is not the script failing).
 */

/** What an executor message says about the run it reports. */
export interface ExecutorOutput {
  /** The reported exit code, when the message states one. */
  exitCode: number | null;
  /** One line saying what went wrong (non-zero exit, traceback, executor error), else null. */
  error: string | null;
  /** True when the executor ran nothing (no code block found, execution not confirmed). */
  noCode: boolean;
}

const EXIT_CODE_PATTERNS: readonly RegExp[] = [
  /^exitcode:\s*(-?\d+)/i,
  /^The script ran, then exited with (?:Unix exit code: (-?\d+)|an error \(POSIX exit code: (-?\d+)\))/,
  /^The script ran but produced no output to console\. The Unix exit code was: (-?\d+)/,
];
const TRACEBACK = "Traceback (most recent call last):";
const NO_CODE = /^(There is no code (from the last \d+ messages? )?for me to execute|No code blocks? (found|detected)|The code block was not confirmed)/i;
const EXECUTOR_ERROR = /^Error executing code:/;

/** True for a speaker whose messages are all executor output (ComputerTerminal, Computer_terminal, code_executor). */
export function isExecutorName(name: string): boolean {
  return /terminal|executor|code_?exec/i.test(name);
}

/**
 * Reads an executor message. `fromExecutor` says the speaker is an executor, so any
 * text is its output; otherwise only text that opens like executor output counts.
 * Null when the text is not executor output.
 */
export function parseExecutorOutput(text: string, fromExecutor: boolean): ExecutorOutput | null {
  const t = text.trimStart();
  let exitCode: number | null = null;
  let matched = false;
  for (const pattern of EXIT_CODE_PATTERNS) {
    const m = pattern.exec(t);
    if (m) {
      matched = true;
      const digits = m.slice(1).find((g) => g !== undefined);
      exitCode = digits !== undefined ? Number(digits) : null;
      break;
    }
  }
  const noCode = NO_CODE.test(t);
  const executorError = EXECUTOR_ERROR.test(t);
  const traceback = t.startsWith(TRACEBACK);
  if (!matched && !noCode && !executorError && !traceback && !fromExecutor) return null;
  let error: string | null = null;
  const exception = t.includes(TRACEBACK) ? exceptionLine(t) : null;
  if (exitCode !== null && exitCode !== 0) error = `exit code ${exitCode}${exception ? `: ${exception}` : ""}`;
  // With exit code 0 a traceback is the script's failure only when it ends the output;
  // one followed by more output is text the script printed (an issue body, a log).
  else if (exception !== null && (exitCode === null || tracebackEndsOutput(t))) error = exception;
  else if (executorError) error = firstLine(t);
  return { exitCode, error, noCode };
}

/** The exception line that ends the last traceback in the text ("AttributeError: ..."). */
function exceptionLine(text: string): string {
  const tail = text.slice(text.lastIndexOf(TRACEBACK) + TRACEBACK.length).split("\n");
  let found: string | null = null;
  for (const line of tail) {
    // Frames and source lines are indented; the exception line is not.
    if (line.trim() !== "" && !/^\s/.test(line) && !line.startsWith("^")) found = line.trim();
  }
  return found ?? "Python traceback";
}

/** True when the last traceback's exception line (its first unindented line) is the last line of output. */
function tracebackEndsOutput(text: string): boolean {
  const tail = text.slice(text.lastIndexOf(TRACEBACK) + TRACEBACK.length).split("\n");
  const at = tail.findIndex((line) => line.trim() !== "" && !/^\s/.test(line) && !line.startsWith("^"));
  return at >= 0 && tail.slice(at + 1).every((line) => line.trim() === "");
}

function firstLine(text: string): string {
  return (text.split("\n", 1)[0] ?? "").trim();
}

/** One fenced code block of an agent message. */
export interface CodeBlock {
  language: string;
  code: string;
}

const FENCE = /```([\w+-]*)[^\S\n]*\n([\s\S]*?)```/g;

/** The fenced code blocks of a message, in order. */
export function codeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const m of text.matchAll(FENCE)) blocks.push({ language: m[1] ?? "", code: (m[2] ?? "").replace(/\n$/, "") });
  return blocks;
}
