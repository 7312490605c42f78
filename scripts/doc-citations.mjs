/**
 * Finds the documents that source comments and docs cite - `docs/spec/run-diff.md §5`,
 * `README.md`, `docs/adr/0004` - and reports every citation whose file (or numbered
 * section) does not exist in the repository. Run by scripts/doc-citations.test.mjs.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";

/** Files whose citations are checked: source, styles, scripts and prose. */
const SCANNED = /\.(ts|tsx|js|mjs|cjs|css|md|sh|prisma|sql)$/;
/**
 * Paths never scanned: recorded artifacts and generated code quote other projects' files,
 * the example scenarios draw their scripted agents' made-up workspaces, and this checker
 * names the patterns it looks for.
 */
const SKIPPED = /(^|\/)(node_modules|fixtures|generated|\.next|dist)\/|^examples\/src\/(scenarios|tasks)\/|^scripts\/doc-citations/;
/** Code files: only their comments are read (string literals are test data, not citations). */
const CODE = /\.(ts|tsx|js|mjs|cjs|css)$/;

/** Names of documents that live outside this repository; citing them is always an error. */
const OUTSIDE = [
  { re: /\bDESIGN(?:\.md\b|\s*§)/g, why: "DESIGN.md is not in the repository; cite docs/spec/design.md" },
  { re: /\bshared\/reference\//g, why: "shared/reference is not in the repository; cite docs/spec/" },
];

/** Spec names once kept outside the repository: cited bare, they must now carry their path. */
const LEGACY_SPEC_NAMES = ["failure-onset.md", "run-diff.md", "public-api.md", "otel-conventions.md", "design.md"];

/** A cited markdown path, optionally followed by a section number. */
const MD_PATH = /(?<![\w/.@:-])((?:\.{1,2}\/)*[\w-][\w.-]*(?:\/[\w.-]+)*\.md)(?:\s*§\s*(\d+(?:\.\d+)*))?/g;
/** A cited path under docs/ without the .md ending (`docs/adr/0004`, `docs/configuration`). */
const DOCS_PATH = /(?<![\w/.@:-])(docs\/[\w./-]*[\w-])(?![\w./-]*\.md)/g;

/**
 * The text of a code file with everything but comments blanked (newlines kept, so line
 * numbers hold). A small scanner: strings and template literals are skipped; a regular
 * expression literal holding a quote can hide the comments after it, never invent one.
 */
export function commentsOnly(code) {
  let out = "";
  let i = 0;
  const blank = (s) => s.replace(/[^\n]/g, " ");
  while (i < code.length) {
    const two = code.slice(i, i + 2);
    if (two === "//") {
      const end = code.indexOf("\n", i);
      const stop = end === -1 ? code.length : end;
      out += code.slice(i, stop);
      i = stop;
    } else if (two === "/*") {
      const end = code.indexOf("*/", i + 2);
      const stop = end === -1 ? code.length : end + 2;
      out += code.slice(i, stop);
      i = stop;
    } else if (code[i] === '"' || code[i] === "'" || code[i] === "`") {
      const quote = code[i];
      let j = i + 1;
      while (j < code.length && code[j] !== quote && !(quote !== "`" && code[j] === "\n")) j += code[j] === "\\" ? 2 : 1;
      out += blank(code.slice(i, j + 1));
      i = j + 1;
    } else {
      out += code[i] === "\n" ? "\n" : " ";
      i += 1;
    }
  }
  return out;
}

/** One citation that points nowhere. */
export function problem(file, line, cited, why) {
  return { file, line, cited, why };
}

/** Files of the repository at `root` (tracked, plus untracked ones git does not ignore). */
export function repositoryFiles(root) {
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" });
  return [...new Set(out.split("\0").filter(Boolean))].filter((f) => SCANNED.test(f) && !SKIPPED.test(f) && existsSync(join(root, f)));
}

/** The nearest folder at or above `dir` (inside root) holding a package.json, else root. */
function packageRoot(root, dir) {
  for (let d = dir; d.startsWith(root); d = dirname(d)) {
    if (existsSync(join(d, "package.json"))) return d;
    if (d === root) break;
  }
  return root;
}

/** Where a cited path may be found: next to the citing file, its package, or the repository root. */
function resolveCited(root, file, cited) {
  const dir = dirname(join(root, file));
  for (const base of [dir, packageRoot(root, dir), root]) {
    const p = join(base, cited);
    if (existsSync(p)) return p;
  }
  return null;
}

/** True when a markdown file has a heading numbered `section` (`## 3.`, `### 3.1 ...`). */
export function hasSection(markdown, section) {
  const escaped = section.replace(/\./g, "\\.");
  return new RegExp(`^#{1,6}\\s+(?:§\\s*)?${escaped}(?:\\.|\\s|$)`, "m").test(markdown);
}

/** True when `docs/...` names an existing file, folder, `<path>.md`, or a file starting `<name>-`. */
function docsPathExists(root, cited) {
  const p = join(root, cited);
  if (existsSync(p) || existsSync(`${p}.md`)) return true;
  const dir = dirname(p);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return false;
  const stem = basename(p);
  return readdirSync(dir).some((n) => n.startsWith(`${stem}-`) || n.startsWith(`${stem}.`));
}

/** The broken citations in one file's text. */
export function checkText(root, file, source, docNames = new Set()) {
  const text = CODE.test(file) ? commentsOnly(source) : source;
  const found = [];
  const lineOf = (index) => text.slice(0, index).split("\n").length;
  for (const { re, why } of OUTSIDE) {
    for (const m of text.matchAll(re)) found.push(problem(file, lineOf(m.index), m[0], why));
  }
  for (const m of text.matchAll(MD_PATH)) {
    const [, cited, section] = m;
    if (/^DESIGN\.md$/.test(cited)) continue; // reported above
    // A bare file name is a citation when it has a section, is written in capitals
    // (README.md) or names a doc of docs/; otherwise it is a file an agent touched.
    const bare = !cited.includes("/");
    if (bare && !section && !/^[A-Z0-9_-]+\.md$/.test(cited) && !docNames.has(cited)) continue;
    if (/https?:\/\/\S*$/.test(text.slice(Math.max(0, m.index - 200), m.index))) continue; // part of a URL
    const target = resolveCited(root, file, cited);
    if (!target) {
      found.push(problem(file, lineOf(m.index), cited, "no such file"));
    } else if (section && statSync(target).isFile() && !hasSection(readFileSync(target, "utf8"), section)) {
      found.push(problem(file, lineOf(m.index), `${cited} §${section}`, `${relative(root, target)} has no section ${section}`));
    }
  }
  for (const m of text.matchAll(DOCS_PATH)) {
    if (m[1].endsWith(".md")) continue; // checked as a markdown path above
    if (/https?:\/\/\S*$/.test(text.slice(Math.max(0, m.index - 200), m.index))) continue;
    if (!docsPathExists(root, m[1])) found.push(problem(file, lineOf(m.index), m[1], "no such file under docs/"));
  }
  return found;
}

/** Every broken citation in the repository at `root`. */
export function checkRepository(root) {
  const files = repositoryFiles(root);
  const docNames = new Set([...LEGACY_SPEC_NAMES, ...files.filter((f) => f.startsWith("docs/") && f.endsWith(".md")).map((f) => basename(f))]);
  return files.flatMap((f) => checkText(root, f, readFileSync(join(root, f), "utf8"), docNames));
}
