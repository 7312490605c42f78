/**
 * Classifies one tool call by its tool name and arguments (docs/spec/failure-onset.md change/explore
 * rule): shell tools by their command text, editor tools by their sub-command, other
 * tools by the verb in their name. Unknown tools are exploring (ambiguous default).
 */
import type { CheckKind } from "../schema/step-schema";
import { classifyCommand, commandFacts, type CommandFacts } from "./classify-command";
import { isInstrumentationEdit } from "./instrumentation";
import { argString, parseArgs } from "./normalize-args";
import { SHELL_TOOL_NAMES } from "./shell-tools";

/** A classified tool call. */
export interface ToolFacts extends CommandFacts {
  /** Shell command, or editor sub-command with its path, when there is one. */
  command: string | null;
  /** An edit's replaced and inserted text (for rewritten-change and diff magnitude). */
  edit: { path: string | null; oldText: string | null; newText: string | null; lines: number; instrumentation: boolean } | null;
}

const COMMAND_KEYS = ["command", "cmd", "script", "commands", "keystrokes", "shell_command", "bash_command"] as const;
const PATH_KEYS = ["path", "file_path", "filepath", "file", "filename", "target_file", "absolute_path", "notebook_path", "dest", "destination", "target"] as const;
const NEW_TEXT_KEYS = ["new_str", "new_string", "file_text", "content", "contents", "text", "patch", "diff", "code", "replacement", "new_text"] as const;
const OLD_TEXT_KEYS = ["old_str", "old_string", "search", "old_text", "find"] as const;
const TEST_TARGET_KEYS = ["path", "test", "tests", "target", "test_path", "pattern", "file"] as const;

const EDITOR_TOOLS = /^(?:str_replace_editor|str_replace_based_edit_tool|text_editor|edit_tool|file_editor|editor)$/;
const SUBMIT_TOOLS = /^(?:submit|finish|final_answer|answer|done|complete|task_complete|attempt_completion|return_answer|respond|submit_answer|final_result|finalize)$/;
const TEST_TOOLS = /^(?:run_tests?|tests?|pytest|run_unit_tests|execute_tests)$/;
const BUILD_TOOLS = /^(?:build|run_build|compile)$/;
const SWE_COMMAND_TOOLS = /^(?:open|goto|scroll_up|scroll_down|search_dir|search_file|find_file|create|edit|insert|append|filemap)$/;
const BACKTRACK_TOOLS = /^(?:undo|undo_edit|revert|rollback|reset_file|restore_file|git_checkout|git_restore|git_reset)$/;
const CHANGE_VERBS = /^(?:write|create|edit|replace|patch|insert|append|delete|remove|move|rename|mkdir|save|update|apply|set|add|put|post|send|commit|deploy|install|modify|multiedit|overwrite|upload|execute_python_file|book|reserve|cancel|refund|pay|charge|transfer|purchase|buy|order|schedule|approve|reject|assign|publish|notify|email|reply|invite|enable|disable|restart|drop|truncate|grant|revoke)(?:_|$)|(?:_|^)(?:write|edit|replace|patch|insert|append|delete|create|update|save)(?:_file|_files|_diff|_patch)?$/;
const EXPLORE_VERBS = /^(?:read|view|open|cat|list|ls|glob|grep|search|find|lookup|get|fetch|browse|query|retrieve|describe|show|check|inspect|scroll|goto|look|web|wiki|google|bing|http_get|visit|navigate|screenshot|click|think|plan|note)(?:_|$)/;

/** True for a tool that looks things up (search, fetch, get, read..., also after one service prefix): its arguments are questions, not claims. */
export function isLookupTool(name: string): boolean {
  const base = baseToolName(name);
  // One service prefix allowed: "jira_get_issue", "github_search_code" (MCP servers' naming).
  const unprefixed = base.slice(base.indexOf("_") + 1);
  return EXPLORE_VERBS.test(base) || EDITOR_TOOLS.test(base) || (unprefixed !== base && EXPLORE_VERBS.test(unprefixed) && !CHANGE_VERBS.test(base));
}

/** Tool name without namespaces (`functions.bash`, `mcp__fs__read_file` -> `bash`, `read_file`), snake_cased and lowercased. */
export function baseToolName(name: string): string {
  // camelCase to snake_case first, so "lookupOrder" reads as the verb "lookup".
  const snake = name.trim().replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  const afterDots = snake.slice(snake.lastIndexOf(".") + 1);
  const parts = afterDots.split("__");
  return (parts[parts.length - 1] ?? afterDots).replace(/[\s-]+/g, "_");
}

function lineCount(text: string | null): number {
  if (text === null || text === "") return 0;
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** The facts of a tool call that reads, writes and checks nothing: `kind`, then `extra` on top. */
export function toolFacts(kind: CommandFacts["kind"], extra: Partial<ToolFacts> = {}): ToolFacts {
  return { ...commandFacts(kind), command: null, edit: null, ...extra };
}

function editorCall(args: unknown, openFile: string | null): ToolFacts {
  const sub = (argString(args, ["command", "action", "operation", "mode"]) ?? "").toLowerCase();
  const path = argString(args, PATH_KEYS);
  const command = sub === "" ? null : `${sub}${path ? ` ${path}` : ""}`;
  if (sub === "view" || sub === "read" || sub === "open") return toolFacts("explore", { readPaths: path ? [path] : [], command, opensFile: path });
  if (sub === "undo_edit" || sub === "undo") return toolFacts("change", { writePaths: path ? [path] : [], backtrackPaths: path ? [path] : ["*"], command });
  const oldText = argString(args, OLD_TEXT_KEYS);
  const newText = argString(args, NEW_TEXT_KEYS);
  const target = path ?? openFile;
  return toolFacts("change", {
    writePaths: target ? [target] : [],
    command,
    edit: { path: target, oldText, newText, lines: Math.max(lineCount(oldText), lineCount(newText)), instrumentation: isInstrumentationEdit(oldText, newText) },
  });
}

function namedCall(name: string, args: unknown, rawArgs: string | null): ToolFacts {
  const path = argString(args, PATH_KEYS);
  if (SUBMIT_TOOLS.test(name)) return toolFacts("submit");
  if (TEST_TOOLS.test(name)) {
    const target = argString(args, TEST_TARGET_KEYS) ?? (args === null && rawArgs ? rawArgs.trim() : "");
    return toolFacts("explore", { check: { kind: "test" as CheckKind, target: target === "" ? "*" : target.replace(/\s+/g, " ") } });
  }
  if (BUILD_TOOLS.test(name)) return toolFacts("change", { check: { kind: "build", target: "*" } });
  if (BACKTRACK_TOOLS.test(name)) return toolFacts("change", { writePaths: path ? [path] : [], backtrackPaths: path ? [path] : ["*"] });
  if (CHANGE_VERBS.test(name)) {
    const oldText = argString(args, OLD_TEXT_KEYS);
    const newText = argString(args, NEW_TEXT_KEYS);
    const isFileTool = path !== null || /file|patch|edit|write|replace|insert|append/.test(name);
    return toolFacts("change", {
      writePaths: path ? [path] : [],
      edit: isFileTool ? { path, oldText, newText, lines: Math.max(lineCount(oldText), lineCount(newText)), instrumentation: oldText !== null && isInstrumentationEdit(oldText, newText) } : null,
    });
  }
  if (EXPLORE_VERBS.test(name)) return toolFacts("explore", { readPaths: path ? [path] : [] });
  return toolFacts("explore", { readPaths: path ? [path] : [] });
}

/** Classifies a tool call from its name and raw arguments (parsed once by the caller when it has them); `openFile` is the agent's open file (SWE-agent). */
export function classifyToolCall(toolName: string, rawArgs: string | null, openFile: string | null = null, parsedArgs: unknown = parseArgs(rawArgs)): ToolFacts {
  const name = baseToolName(toolName);
  const args = parsedArgs;
  if (EDITOR_TOOLS.test(name)) return editorCall(args, openFile);
  const command = argString(args, COMMAND_KEYS) ?? (SHELL_TOOL_NAMES.test(name) && args === null && rawArgs ? rawArgs : null);
  if (command !== null && (SHELL_TOOL_NAMES.test(name) || args === null || argString(args, PATH_KEYS) === null)) {
    // Object.assign on the fresh object: a spread copy was the hottest line of the step pass.
    return Object.assign(classifyCommand(command, openFile), { command, edit: null });
  }
  if (args === null && rawArgs !== null && SWE_COMMAND_TOOLS.test(name)) {
    // SWE-agent style: the tool is the command, the raw arguments its words.
    const text = `${name} ${rawArgs}`.trim();
    return Object.assign(classifyCommand(text, openFile), { command: text, edit: null });
  }
  return namedCall(name, args, rawArgs);
}
