import { describe, expect, it } from "vitest";
import { analyzeRun } from "../analyze-run";
import { failedCommandTrajectory } from "../test-support/coding-steps";
import { classifyCommand, REPRO_SCRIPT } from "./classify-command";
import { capClassifierInput, MAX_CLASSIFIED_CHARS } from "./input-caps";
import { shellParts } from "./shell-words";
import { cpuMs } from "../test-support/cpu-time";

/** A three-step SWE-agent-shaped run whose second action is `command`. */
const trajectory = failedCommandTrajectory;


// Each input once made a classifier pattern backtrack quadratically (seconds at 100 KB).
const HOSTILE: [string, string][] = [
  ["python /" + "check".repeat(40_000), "repro-script pattern: [^/]*(?:check)[^/]*\\.\\w+$ (2.0 s at 100 KB before)"],
  ["a" + " ".repeat(200_000) + "b", "separator split with \\s* on both sides rescans blanks"],
  ["<<EOF x\n".repeat(25_000), "unterminated heredocs: lazy body scan from every opener"],
  ["cat <<EOF\n" + "a\n".repeat(100_000), "one unterminated heredoc"],
  ["x" + "'".repeat(200_000) + "x", "run of quotes"],
];

describe("hostile commands cost little", () => {
  it.each(HOSTILE)("classifies %#: %s", (command) => {
    expect(cpuMs(() => classifyCommand(command))).toBeLessThan(250);
  });

  it.each(HOSTILE)("analyzes a trajectory around %#: %s in well under a second", (command) => {
    analyzeRun(trajectory("ls")); // warm-up: loads every analysis module
    expect(cpuMs(() => analyzeRun(trajectory(command)))).toBeLessThan(500);
  });
});

describe("caps and equivalences", () => {
  it("caps classifier input to head and tail joined at a command boundary", () => {
    const long = "cd /repo && " + "x".repeat(50_000) + " && pytest tests/test_a.py";
    const capped = capClassifierInput(long);
    expect(capped.length).toBeLessThanOrEqual(MAX_CLASSIFIED_CHARS + 1);
    expect(capped.startsWith("cd /repo")).toBe(true);
    expect(capped.endsWith("pytest tests/test_a.py")).toBe(true);
    expect(classifyCommand(long).check?.kind).toBe("test");
  });

  it("the repro-script scan accepts what the old pattern accepted", () => {
    for (const p of ["reproduce_bug.py", "/tmp/check_fix.py", "a/b/Debug.min.js", "verify.sh", "x.check.py"]) expect(REPRO_SCRIPT.test(p)).toBe(true);
    for (const p of ["check", "main.py", "check/main.py", "x.check", "repro.py/"]) expect(REPRO_SCRIPT.test(p)).toBe(false);
  });

  it("heredoc bodies are still cut, terminated or not", () => {
    expect(shellParts("cat <<'EOF' > f.py\nrm -rf /; ls\nEOF\npytest").map((p) => p.program)).toEqual(["cat", "pytest"]);
    expect(shellParts("cat <<-EOF\n\tls; rm x\n\tEOF && ls").map((p) => p.program)).toEqual(["cat", "ls"]);
    expect(shellParts("cat <<EOF\nls; rm x").map((p) => p.program)).toEqual(["cat"]);
    expect(shellParts("a  ;  b   &&   c").map((p) => p.program)).toEqual(["a", "b", "c"]);
  });
});
