/**
 * Splitting shell command text into pipelines and words, well enough to classify what
 * a command does: heredoc bodies and quoted strings are masked so `;`, `&&` and `|`
 * inside them do not split, and wrappers (sudo, timeout, env vars, `uv run`) are peeled.
 */

/** One simple command of a pipeline: its program and words (quotes masked as `Q`). */
export interface ShellPart {
  program: string;
  args: string[];
  /** The part's raw text after masking (for redirection checks). */
  text: string;
}

/**
 * Heredoc bodies carry file contents, never commands: cut them out before splitting
 * (`<<EOF` stays, the body up to the line holding the delimiter goes). A single
 * forward scan: an unterminated heredoc swallows the rest, as the shell would read it.
 */
function dropHeredocBodies(command: string): string {
  const opener = /<<-?[ \t]*['"]?(\w+)['"]?([^\n]*)\n/g;
  let out = "";
  let from = 0;
  for (let m = opener.exec(command); m !== null; m = opener.exec(command)) {
    const delimiter = m[1]!;
    out += `${command.slice(from, m.index)}<<${delimiter}${m[2]!}`;
    let lineStart = opener.lastIndex;
    let end = -1;
    while (lineStart <= command.length) {
      const nl = command.indexOf("\n", lineStart);
      const lineEnd = nl === -1 ? command.length : nl;
      const raw = command.slice(lineStart, lineEnd);
      const line = raw.trimStart();
      if (line.startsWith(delimiter) && !/^\w/.test(line.slice(delimiter.length))) {
        end = lineStart + (raw.length - line.length) + delimiter.length;
        break;
      }
      if (nl === -1) break;
      lineStart = nl + 1;
    }
    if (end === -1) return out; // unterminated: the rest is body
    from = end;
    opener.lastIndex = end;
  }
  return out + command.slice(from);
}

/** Replaces quoted strings by Q (keeps the word boundary, drops separators inside). */
function maskQuotes(command: string): string {
  return command.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, "Q");
}

/** Wrapper programs whose first non-option argument is the real program. */
const WRAPPERS = new Set(["sudo", "time", "nohup", "env", "exec", "xargs", "nice", "stdbuf", "command", "builtin"]);
/** Runners whose next word is the real program (`uv run pytest`, `npx vitest`). */
const RUNNERS: Record<string, string[]> = {
  uv: ["run"],
  poetry: ["run"],
  pipenv: ["run"],
  pdm: ["run"],
  hatch: ["run"],
  conda: ["run"],
  npx: [],
  pnpx: [],
  bunx: [],
};

/** Program name without its directory (`/usr/bin/python3` -> `python3`), lowercased. */
export function programName(word: string): string {
  const base = word.slice(word.lastIndexOf("/") + 1).toLowerCase();
  return word.startsWith("./") || word.startsWith("/") || word.startsWith("../") ? word.toLowerCase() : base;
}

function dropLeadingOptions(words: string[]): string[] {
  let k = 0;
  while (k < words.length && words[k]!.startsWith("-")) k++;
  return words.slice(k);
}

/** Peels wrappers, env assignments and runners off the front of a word list. */
function peel(words: string[]): string[] {
  let w = words;
  for (let guard = 0; guard < 6 && w.length > 0; guard++) {
    const first = w[0]!;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first)) {
      w = w.slice(1);
      continue;
    }
    const name = programName(first);
    if (WRAPPERS.has(name)) {
      w = w.slice(1);
      while (w.length > 0 && (w[0]!.startsWith("-") || /^[A-Za-z_]\w*=/.test(w[0]!))) w = w.slice(1);
      continue;
    }
    if (name === "timeout") {
      w = w.slice(1).filter((x, k) => !(k === 0 && /^\d/.test(x)));
      while (w.length > 0 && w[0]!.startsWith("-")) w = w.slice(1);
      continue;
    }
    const runner = RUNNERS[name];
    if (runner !== undefined) {
      let rest = dropLeadingOptions(w.slice(1));
      if (runner.length === 0) {
        w = rest;
        continue;
      }
      if (rest[0] !== undefined && runner.includes(rest[0])) {
        rest = dropLeadingOptions(rest.slice(1));
        w = rest;
        continue;
      }
    }
    break;
  }
  return w;
}

/** Splits a command into its simple commands (across `;`, `&&`, `||`, newlines and pipes). */
export function shellParts(command: string): ShellPart[] {
  const masked = maskQuotes(dropHeredocBodies(command));
  const parts: ShellPart[] = [];
  // No \s* around the separators: with them, a long run of blanks is rescanned from
  // every position (quadratic); segments are trimmed instead.
  for (const segment of masked.split(/&&|\|\||;|\n|\|/)) {
    const text = segment.trim();
    if (text === "" || text.startsWith("#")) continue;
    const words = peel(text.split(/\s+/).filter((x) => x !== ""));
    if (words.length === 0) continue;
    parts.push({ program: programName(words[0]!), args: words.slice(1), text });
  }
  return parts;
}

/** True for a word that names a file or directory (not an option, number or URL). */
export function isPathWord(word: string): boolean {
  if (word.startsWith("-") || word === "Q" || /^[a-z]+:\/\//i.test(word) || /^\d+(?:[.:]\d+)*$/.test(word)) return false;
  if (!/^[\w@.+~/:-][\w@.+~/:=,-]*$/.test(word)) return false;
  return word.includes("/") || /\.[A-Za-z0-9]{1,6}$/.test(word);
}

/** Non-option words of a part, with the values of options that take one skipped. */
export function positionalArgs(args: string[], optionsWithValue: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a.startsWith("-")) {
      if (optionsWithValue.has(a)) k++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** Targets of `>` / `>>` redirections in a part (`2>&1` and /dev/null excluded). */
export function redirectTargets(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[^0-9&<>])>>?\s*([^\s&|;<>]+)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const target = m[1]!;
    if (!target.startsWith("&") && target !== "/dev/null" && target !== "Q") out.push(target);
  }
  return out;
}
