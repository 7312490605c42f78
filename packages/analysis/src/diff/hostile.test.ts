import { describe, expect, it } from "vitest";
import { RunBuilder } from "../test-support/span-builder";
import { normalizeAnswer } from "./answer";
import { diffRuns } from "./diff-runs";
import { commandFirstWord } from "./span-roles";
import { cpuMs } from "../test-support/cpu-time";

/** A 3-span run: agent, one bash call running `command`, and its LLM step. */
function run(command: string, answer = "done") {
  const b = new RunBuilder();
  b.agent("agent");
  b.step({ text: answer, calls: [{ tool: "bash", args: { command }, result: "ok" }] });
  return b.build();
}


describe("diff of hostile runs", () => {
  // Each of these once took seconds: `x'''…'''x` made commandFirstWord's
  // /["'`]+$/ retry from every quote (11.7 s at 60 KB); quotes and periods at the end of
  // an answer made the normalize-until-stable loop quadratic.
  it.each([
    ["x" + "'''".repeat(20_000) + "x", "triple quotes"],
    ["x" + "'".repeat(200_000) + "x", "a run of quotes"],
    ['x"' + '"'.repeat(200_000) + "x", "a run of double quotes"],
    ["python /" + "check".repeat(40_000), "the repro-script name"],
  ])("diffs a run whose command is %#: %s in well under a second", (command) => {
    diffRuns(run("ls"), run("ls -la")); // warm-up
    expect(cpuMs(() => diffRuns(run("ls"), run(command)))).toBeLessThan(500);
  });

  it("normalizes a hostile answer in linear time and as before", () => {
    expect(cpuMs(() => normalizeAnswer(`"${"'.".repeat(100_000)}`))).toBeLessThan(100);
    expect(normalizeAnswer(` "Paris." `)).toBe("paris");
    expect(normalizeAnswer(`'Paris'.`)).toBe("paris");
    expect(normalizeAnswer(`“Paris”..`)).toBe("paris");
    expect(normalizeAnswer(`a.b.`)).toBe("a.b");
  });

  it("strips quotes from the first word without a regex", () => {
    expect(commandFirstWord(`"/usr/bin/git" status`)).toBe("git");
    expect(commandFirstWord("FOO=1 'ls' -la")).toBe("ls");
    expect(commandFirstWord("'''")).toBeNull();
  });
});
