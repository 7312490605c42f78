import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeRun } from "../../src/analyze-run";
import { loadRealDevSet, loadTauRetail, withoutVerdict } from "./cases";

const evalDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "eval");

describe("suspects of real runs nobody judged", () => {
  it("name first the step that 'Mark failed' makes the onset, on every run whose outcome stays unknown", () => {
    const cases = [...loadTauRetail(evalDir), ...loadRealDevSet(evalDir).cases];
    let unknown = 0;
    for (const c of cases) {
      const spans = withoutVerdict(c.spans);
      const a = analyzeRun(spans);
      if (a.outcome.status !== "unknown") continue;
      unknown++;
      const failed = analyzeRun(spans, { outcome: "failed" });
      expect(a.suspects.length, c.id).toBeGreaterThan(0);
      expect(a.suspects[0]!.stepId, c.id).toBe(failed.onset!.stepId);
      expect(new Set(a.suspects.map((s) => s.stepId)).size, c.id).toBe(a.suspects.length);
    }
    // Most of these runs carry no sign of failure once their verdict is removed.
    expect(unknown).toBeGreaterThan(cases.length / 2);
  }, 60_000); // every real run analyzed twice: seconds, more on a loaded machine
});
