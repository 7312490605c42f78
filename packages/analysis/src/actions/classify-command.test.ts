import { describe, expect, it } from "vitest";
import { classifyCommand } from "./classify-command";

// Each row: command, expected kind, and why the row exists (docs/spec/failure-onset.md's
// change/explore rule and the refinements documented in classify-command.ts).
const KIND_CASES: [string, "change" | "explore" | "submit", string][] = [
  ["ls -la src", "explore", "listing is exploring"],
  ["cat a.py | grep foo", "explore", "a pipeline of readers stays exploring"],
  ["grep -rn 'def parse' src/", "explore", "quoted pattern must not split the command"],
  ["git log --oneline -5", "explore", "git log explores"],
  ["git diff HEAD~1", "explore", "git diff explores"],
  ["sed -n '10,20p' a.py", "explore", "sed without -i only prints"],
  ["sed -i 's/a/b/' a.py", "change", "sed -i edits in place"],
  ["echo 'x = 1' > conf.py", "change", "redirection writes a file"],
  ["pytest -q 2>&1 | tail -5", "explore", "2>&1 is not a file write; tests explore"],
  ["cat <<'EOF' > fix.py\nimport os; os.remove('x')\nEOF", "change", "heredoc body is content, the redirect writes"],
  ["pip install -e .", "change", "installing changes state"],
  ["npm run build", "change", "a build changes state"],
  ["git commit -am 'fix'", "change", "commit changes state"],
  ["git checkout -- a.py", "change", "checkout of a file is a (backtracking) change"],
  ["python setup_db.py", "change", "running a script changes state"],
  ["python reproduce_bug.py", "explore", "a reproduction script is verification"],
  ["python -m pytest tests/test_x.py -x", "explore", "running tests explores"],
  ["cd /repo && ls", "explore", "cd plus ls"],
  ["frobnicate --all", "explore", "unknown programs are ambiguous, so exploring"],
  ["submit", "submit", "SWE-agent submit"],
  ["timeout 60 uv run pytest -k slow", "explore", "wrappers and runners are peeled"],
  ["open src/a.py 120", "explore", "SWE-agent open"],
  ["edit 10:12\n    return x\nend_of_edit", "change", "SWE-agent edit"],
];

describe("classifyCommand kinds", () => {
  it.each(KIND_CASES)("%j -> %s (%s)", (command, kind) => {
    expect(classifyCommand(command).kind).toBe(kind);
  });
});

describe("classifyCommand details", () => {
  it("keys tests by target so the whole suite and one file differ", () => {
    expect(classifyCommand("pytest -q").check).toEqual({ kind: "test", target: "*" });
    expect(classifyCommand("pytest tests/test_a.py -q").check).toEqual({ kind: "test", target: "tests/test_a.py" });
    expect(classifyCommand("pytest -k 'parse' tests").check).toEqual({ kind: "test", target: "-k Q tests" });
  });

  it("finds written paths of sed -i and redirects", () => {
    expect(classifyCommand("sed -i 's/a/b/' src/a.py").writePaths).toEqual(["src/a.py"]);
    expect(classifyCommand("echo hi > out/log.txt").writePaths).toEqual(["out/log.txt"]);
  });

  it("marks backtracks with the restored paths", () => {
    expect(classifyCommand("git checkout -- src/a.py").backtrackPaths).toEqual(["src/a.py"]);
    expect(classifyCommand("git reset --hard HEAD").backtrackPaths).toEqual(["*"]);
    expect(classifyCommand("git stash").backtrackPaths).toEqual(["*"]);
    expect(classifyCommand("cp a.py.bak a.py").backtrackPaths).toEqual(["a.py"]);
    expect(classifyCommand("git checkout -b feature").backtrackPaths).toBeNull();
  });

  it("treats grep's exit 1 (no match) as benign, but not a later command's", () => {
    expect(classifyCommand("grep -rn foo src").exitOneIsBenign).toBe(true);
    expect(classifyCommand("grep foo a.py && python run.py").exitOneIsBenign).toBe(false);
  });

  it("resolves SWE-agent edits against the open file", () => {
    const f = classifyCommand("edit 3:4\nx\nend_of_edit", "src/a.py");
    expect(f.writePaths).toEqual(["src/a.py"]);
    expect(classifyCommand("open src/b.py").opensFile).toBe("src/b.py");
  });
});
