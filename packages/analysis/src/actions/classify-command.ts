/**
 * Classifies shell command text by docs/spec/failure-onset.md's change/explore rule: writing a
 * file, `sed -i`, installing, building, `git commit/checkout`, running a script change
 * state; ls, cat, grep, git log/diff and running tests explore; ambiguous = exploring.
 * Also recognises checks (tests, builds, linters, reproduction scripts) and backtracks
 * (revert, checkout, reset, stash, undo). One deliberate refinement: a script that is
 * recognisably a check (tests/, test_*.py, reproduce*.py) is verification, so exploring.
 */
import type { CheckKind } from "../schema/step-schema";
import { capClassifierInput } from "./input-caps";
import { isPathWord, positionalArgs, redirectTargets, shellParts, type ShellPart } from "./shell-words";

/** What a command does, as far as its text shows. */
export interface CommandFacts {
  kind: "change" | "explore" | "submit";
  readPaths: string[];
  writePaths: string[];
  check: { kind: CheckKind; target: string } | null;
  backtrackPaths: string[] | null;
  /** grep/diff family: exit code 1 means "no match"/"differs", not failure. */
  exitOneIsBenign: boolean;
  /** SWE-agent `open path`: the file later `edit`/`goto` commands act on. */
  opensFile: string | null;
  /** SWE-agent `edit`/`insert` without a path: acts on the open file. */
  usesOpenFile: boolean;
  /** Program of the last simple command (whose exit code the action reports), "" when none. */
  program: string;
}

type PartFacts = Omit<CommandFacts, "program">;

/** The facts of an action that reads, writes and checks nothing: `kind`, then `extra` on top. */
export function commandFacts(kind: CommandFacts["kind"], extra: Partial<CommandFacts> = {}): CommandFacts {
  return {
    kind,
    readPaths: [],
    writePaths: [],
    check: null,
    backtrackPaths: null,
    exitOneIsBenign: false,
    opensFile: null,
    usesOpenFile: false,
    program: "",
    ...extra,
  };
}

const EXPLORE_PROGRAMS = new Set(
  ("ls cat head tail less more grep egrep fgrep rg ag ack find fd tree pwd echo printf wc diff cmp file stat which " +
    "whereis type du df env printenv nl sort uniq cut jq curl date whoami uname id history true false ps lsof realpath " +
    "dirname basename sleep cd export source test [ hexdump xxd od strings readlink").split(" "),
);
const GREP_FAMILY = new Set(["grep", "egrep", "fgrep", "rg", "ag", "ack", "diff", "cmp", "test", "["]);
const FILE_CHANGERS = new Set(["cp", "mv", "rm", "mkdir", "touch", "chmod", "chown", "ln", "rsync", "unzip", "patch", "rmdir", "truncate", "wget", "dd", "install"]);
const TEST_RUNNERS = new Set(["pytest", "py.test", "tox", "nox", "jest", "vitest", "mocha", "rspec", "phpunit", "ctest", "ava", "tap", "nosetests", "trial"]);
const LINTERS = new Set(["flake8", "pylint", "ruff", "eslint", "rubocop", "golint", "shellcheck", "pycodestyle", "pyflakes"]);
const TYPECHECKERS = new Set(["mypy", "pyright", "pyre"]);
const PACKAGE_MANAGERS = new Set(["pip", "pip3", "conda", "apt", "apt-get", "yum", "dnf", "brew", "npm", "yarn", "pnpm", "bun", "cargo", "go", "gem", "poetry", "uv", "composer", "bundle", "mvn", "gradle", "dotnet"]);
const INSTALL_VERBS = new Set(["install", "add", "uninstall", "remove", "ci", "update", "upgrade", "get", "i", "sync", "develop"]);
const SCRIPT_HOSTS = /^(?:python\d?(?:\.\d+)?|py|node|ts-node|tsx|deno|bun|ruby|bash|sh|zsh|perl|php|Rscript)$/;
const SWE_EXPLORE = new Set(["open", "goto", "scroll_up", "scroll_down", "search_dir", "search_file", "find_file", "filemap"]);
const SWE_EDIT = new Set(["edit", "insert", "append"]);

/** Test files, test directories and test runners named like scripts. */
export const TEST_SCRIPT = /(?:^|\/)(?:tests?\/|test_[^/]*$|[^/]*_tests?\.\w+$|runtests?\.\w+$|[^/]*\.(?:test|spec)\.\w+$)/i;
const REPRO_WORDS = ["repro", "verify", "validate", "check", "debug"] as const;

/**
 * Scripts the agent writes to reproduce or verify the bug: a file name with an
 * extension whose stem part holds repro/verify/validate/check/debug. Written as a scan
 * rather than the regex `(?:^|\/)[^/]*(?:repro|…)[^/]*\.\w+$`, which backtracks
 * quadratically on a long name such as "/" + "check" repeated (2 s at 100 KB).
 */
export const REPRO_SCRIPT = {
  test(path: string): boolean {
    const base = path.slice(path.lastIndexOf("/") + 1);
    const dot = base.lastIndexOf(".");
    if (dot < 0 || !/^\w+$/.test(base.slice(dot + 1))) return false;
    const stem = base.slice(0, dot).toLowerCase();
    return REPRO_WORDS.some((w) => stem.includes(w));
  },
};

function facts(kind: PartFacts["kind"], extra: Partial<PartFacts> = {}): PartFacts {
  const { program: _program, ...part } = commandFacts(kind, extra);
  return part;
}

/** Check target: the non-option words (test paths, node ids, -k expressions), sorted; "*" for the whole suite. */
function checkTarget(args: string[]): string {
  const words: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === "-k" || a === "-m" || a === "--filter" || a === "-t") {
      const v = args[k + 1];
      if (v !== undefined) words.push(`${a} ${v}`);
      k++;
    } else if (!a.startsWith("-") && a !== "Q" && !/^\d+$/.test(a)) words.push(a);
  }
  return words.length === 0 ? "*" : words.sort().join(" ");
}

function classifyScript(path: string, rest: string[]): PartFacts {
  if (TEST_SCRIPT.test(path)) return facts("explore", { readPaths: [path], check: { kind: "test", target: checkTarget([path, ...rest]) } });
  if (/(?:^|\/)manage\.py$/.test(path) && rest[0] === "test") return facts("explore", { check: { kind: "test", target: checkTarget(rest.slice(1)) } });
  if (/(?:^|\/)setup\.py$/.test(path)) {
    const verb = rest.find((w) => !w.startsWith("-")) ?? "";
    if (verb === "test") return facts("explore", { check: { kind: "test", target: "*" } });
    if (verb.startsWith("build")) return facts("change", { check: { kind: "build", target: "*" } });
    return facts("change");
  }
  if (REPRO_SCRIPT.test(path)) return facts("explore", { readPaths: [path], check: { kind: "repro", target: path } });
  return facts("change", { readPaths: [path] });
}

function classifyGit(args: string[]): PartFacts {
  let k = 0;
  while (k < args.length && args[k]!.startsWith("-")) k += args[k] === "-C" || args[k] === "-c" ? 2 : 1;
  const sub = args[k] ?? "";
  const rest = args.slice(k + 1);
  const paths = rest.filter((w) => w !== "--" && !w.startsWith("-") && w !== "Q");
  switch (sub) {
    case "checkout":
    case "restore": {
      if (rest.includes("-b") || rest.includes("-B")) return facts("change");
      const fileArgs = rest.includes("--") ? rest.slice(rest.indexOf("--") + 1).filter((w) => !w.startsWith("-")) : paths.filter((w) => isPathWord(w) || w === ".");
      if (sub === "restore" || fileArgs.length > 0) return facts("change", { backtrackPaths: fileArgs.length === 0 || fileArgs.includes(".") ? ["*"] : fileArgs, writePaths: fileArgs.filter((w) => w !== ".") });
      return facts("change");
    }
    case "reset":
      return rest.includes("--hard") || paths.length > 0 ? facts("change", { backtrackPaths: paths.filter(isPathWord).length > 0 ? paths.filter(isPathWord) : ["*"] }) : facts("change");
    case "revert":
    case "clean":
      return facts("change", { backtrackPaths: ["*"] });
    case "stash": {
      const verb = rest[0] ?? "push";
      if (verb === "list" || verb === "show") return facts("explore");
      if (verb === "push" || verb === "save" || verb.startsWith("-")) return facts("change", { backtrackPaths: ["*"] });
      return facts("change");
    }
    case "log":
    case "diff":
    case "status":
    case "show":
    case "blame":
    case "grep":
    case "ls-files":
    case "rev-parse":
    case "describe":
    case "shortlog":
    case "reflog":
    case "fetch":
    case "remote":
      return facts("explore", { exitOneIsBenign: sub === "diff" || sub === "grep", readPaths: paths.filter(isPathWord) });
    case "branch":
    case "tag":
      return rest.filter((w) => !w.startsWith("-")).length === 0 ? facts("explore") : facts("change");
    case "":
      return facts("explore");
    default:
      // commit, add, apply, am, merge, rebase, cherry-pick, pull, push, rm, mv, init, clone, switch...
      return facts("change", { writePaths: sub === "rm" || sub === "mv" ? paths.filter(isPathWord) : [] });
  }
}

function classifyPackageManager(program: string, args: string[]): PartFacts | null {
  const words = positionalArgs(args);
  let verb = words[0] ?? "";
  let target = words.slice(1);
  if ((verb === "run" || verb === "run-script") && (program === "npm" || program === "yarn" || program === "pnpm" || program === "bun")) {
    verb = words[1] ?? "";
    target = words.slice(2);
  }
  if (verb === "test" || verb === "tests" || verb === "t" || verb.startsWith("test:")) return facts("explore", { check: { kind: "test", target: checkTarget(target) } });
  if (verb === "lint" || verb === "vet" || verb === "clippy") return facts("explore", { check: { kind: "lint", target: "*" } });
  if (verb === "check" || verb === "typecheck" || verb === "type-check") return facts("explore", { check: { kind: "typecheck", target: "*" } });
  if (verb === "build" || verb === "compile" || verb === "package" || (verb === "install" && (program === "mvn" || program === "go") && target.length === 0)) {
    return facts("change", { check: { kind: "build", target: "*" } });
  }
  if (INSTALL_VERBS.has(verb)) return facts("change");
  if (["list", "ls", "show", "freeze", "info", "view", "search", "outdated", "why", "env", "version", "--version", "doctor", "config"].includes(verb)) return facts("explore");
  return null;
}

function classifyPart(part: ShellPart, openFile: string | null): PartFacts {
  const { program, args } = part;
  const redirects = redirectTargets(part.text);
  const withRedirects = (f: PartFacts): PartFacts =>
    redirects.length > 0 && f.check === null ? { ...f, kind: "change", writePaths: [...f.writePaths, ...redirects] } : f;

  if (program === "submit") return facts("submit");
  if (SWE_EXPLORE.has(program)) {
    const path = positionalArgs(args).find(isPathWord) ?? null;
    return facts("explore", { readPaths: path ? [path] : [], opensFile: program === "open" ? path : null });
  }
  if (SWE_EDIT.has(program) || program === "create") {
    const path = positionalArgs(args).find(isPathWord) ?? null;
    if (program === "create" || path !== null) return facts("change", { writePaths: path ? [path] : [] });
    return facts("change", { writePaths: openFile ? [openFile] : [], usesOpenFile: true });
  }
  if (program === "str_replace_editor" || program === "str_replace_based_edit_tool") {
    const [sub, path] = positionalArgs(args);
    if (sub === "view") return facts("explore", { readPaths: path ? [path] : [] });
    if (sub === "undo_edit") return facts("change", { writePaths: path ? [path] : [], backtrackPaths: path ? [path] : ["*"] });
    return facts("change", { writePaths: path ? [path] : [] });
  }
  if (program === "git") return withRedirects(classifyGit(args));
  if (program === "sed" || program === "perl") {
    const inPlace = args.some((a) => /^-[a-z]*i/.test(a) || a.startsWith("--in-place") || (program === "perl" && /^-p?i/.test(a)));
    const paths = positionalArgs(args, new Set(["-e", "-f"])).filter(isPathWord);
    return inPlace ? facts("change", { writePaths: paths }) : withRedirects(facts("explore", { readPaths: paths }));
  }
  if (program === "awk" || program === "gawk") {
    const inPlace = args.includes("inplace");
    const paths = positionalArgs(args).filter(isPathWord);
    return inPlace ? facts("change", { writePaths: paths }) : withRedirects(facts("explore", { readPaths: paths }));
  }
  if (program === "tee") return facts("change", { writePaths: positionalArgs(args).filter((w) => w !== "Q") });
  if (FILE_CHANGERS.has(program)) {
    const paths = positionalArgs(args).filter((w) => w !== "Q");
    if ((program === "mv" || program === "cp") && paths.length >= 2) {
      const src = paths[0]!;
      const dst = paths[paths.length - 1]!;
      const restore = /\.(?:bak|orig|backup|old)$/.test(src);
      return facts("change", { readPaths: [src], writePaths: [dst], backtrackPaths: restore ? [dst] : null });
    }
    return facts("change", { writePaths: paths.filter((p) => p !== "." && !/^\d+$/.test(p)) });
  }
  if (TEST_RUNNERS.has(program)) return facts("explore", { check: { kind: "test", target: checkTarget(args) } });
  if (LINTERS.has(program)) {
    const fixes = args.some((a) => a === "--fix" || a === "--write");
    return facts(fixes ? "change" : "explore", { check: { kind: "lint", target: checkTarget(args) } });
  }
  if (TYPECHECKERS.has(program)) return facts("explore", { check: { kind: "typecheck", target: checkTarget(args) } });
  if (program === "black" || program === "prettier" || program === "isort" || program === "gofmt" || program === "rustfmt") {
    const checking = args.some((a) => a === "--check" || a === "-l" || a === "--diff");
    return facts(checking ? "explore" : "change", { check: checking ? { kind: "lint", target: checkTarget(args) } : null });
  }
  if (program === "tsc") return args.includes("--noEmit") ? facts("explore", { check: { kind: "typecheck", target: "*" } }) : facts("change", { check: { kind: "build", target: "*" } });
  if (program === "make" || program === "cmake" || program === "ninja" || program === "bazel" || program === "ant") {
    const goal = positionalArgs(args, new Set(["-C", "-f", "-j"]))[0] ?? "";
    if (/^(?:test|tests|check|unittest)$/.test(goal)) return facts("explore", { check: { kind: "test", target: "*" } });
    if (/^(?:lint|vet)$/.test(goal)) return facts("explore", { check: { kind: "lint", target: "*" } });
    return facts("change", { check: { kind: "build", target: "*" } });
  }
  if (SCRIPT_HOSTS.test(program)) {
    const host = program;
    if (args.includes("--version") || args.includes("-V")) return facts("explore");
    const mIdx = args.indexOf("-m");
    if (mIdx >= 0) {
      const mod = args[mIdx + 1] ?? "";
      const rest = args.slice(mIdx + 2);
      if (mod === "pytest" || mod === "unittest" || mod === "nose" || mod === "tox") return facts("explore", { check: { kind: "test", target: checkTarget(rest) } });
      if (mod === "pip") return classifyPackageManager("pip", rest) ?? facts("explore");
      if (mod === "mypy") return facts("explore", { check: { kind: "typecheck", target: checkTarget(rest) } });
      if (mod === "flake8" || mod === "pylint" || mod === "ruff") return facts("explore", { check: { kind: "lint", target: checkTarget(rest) } });
      if (mod === "py_compile" || mod === "compileall") return facts("explore", { check: { kind: "build", target: checkTarget(rest) } });
      return withRedirects(facts("explore"));
    }
    if (args.includes("-c") || args.includes("-e")) return withRedirects(facts("explore"));
    const positional = positionalArgs(args);
    const script = positional[0];
    if (script === undefined || script === "Q") return withRedirects(facts("explore"));
    if (/^(?:bash|sh|zsh)$/.test(host) && !isPathWord(script)) return withRedirects(facts("explore"));
    return withRedirects(classifyScript(script, positional.slice(1)));
  }
  if (program.startsWith("./") || program.startsWith("/") || program.startsWith("../")) return withRedirects(classifyScript(program, positionalArgs(args)));
  if (PACKAGE_MANAGERS.has(program)) return withRedirects(classifyPackageManager(program, args) ?? facts("explore"));
  if (EXPLORE_PROGRAMS.has(program) || GREP_FAMILY.has(program)) {
    const paths = positionalArgs(args, new Set(["-e", "-f", "-A", "-B", "-C", "-m", "-n", "--include", "--exclude", "-name", "-type", "-maxdepth"])).filter(isPathWord);
    return withRedirects(facts("explore", { readPaths: program === "echo" || program === "printf" ? [] : paths, exitOneIsBenign: GREP_FAMILY.has(program) }));
  }
  // Unknown program: ambiguous, so exploring (docs/spec/failure-onset.md default).
  return withRedirects(facts("explore"));
}

/** Classifies one shell command; `openFile` is the file a SWE-agent `open` left current. */
export function classifyCommand(command: string, openFile: string | null = null): CommandFacts {
  const parts = shellParts(capClassifierInput(command));
  const merged = commandFacts("explore", { program: parts[parts.length - 1]?.program ?? "" });
  let sawSubmit = false;
  let current = openFile;
  let lastFacts: PartFacts | null = null;
  for (const part of parts) {
    const f = classifyPart(part, current);
    lastFacts = f;
    if (f.kind === "change") merged.kind = "change";
    if (f.kind === "submit") sawSubmit = true;
    merged.readPaths.push(...f.readPaths);
    merged.writePaths.push(...f.writePaths);
    if (f.check !== null && (merged.check === null || (merged.check.kind !== "test" && f.check.kind === "test"))) merged.check = f.check;
    if (f.backtrackPaths !== null) merged.backtrackPaths = [...(merged.backtrackPaths ?? []), ...f.backtrackPaths];
    if (f.opensFile !== null) {
      merged.opensFile = f.opensFile;
      current = f.opensFile;
    }
    if (f.usesOpenFile) merged.usesOpenFile = true;
  }
  // The pipeline's exit code is its last command's.
  if (lastFacts !== null) merged.exitOneIsBenign = lastFacts.exitOneIsBenign;
  if (sawSubmit && merged.kind !== "change") merged.kind = "submit";
  merged.readPaths = [...new Set(merged.readPaths)];
  merged.writePaths = [...new Set(merged.writePaths)];
  return merged;
}
