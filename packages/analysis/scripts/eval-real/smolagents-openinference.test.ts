import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeRun } from "../../src/analyze-run";
import { loadRealDevSet, withoutVerdict } from "./cases";
import { loadSmolagentsOpenInference } from "./smolagents-openinference";

const evalDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "eval");

describe("real smolagents runs re-sent as OpenInference OTLP", () => {
  it("decode with no span rejected and get the onsets and inferred verdicts their imported form gets", () => {
    const imported = new Map(loadRealDevSet(evalDir).cases.filter((c) => c.framework === "smolagents").map((c) => [c.id, c]));
    const { cases, problems, skipped } = loadSmolagentsOpenInference(evalDir);
    expect(problems).toEqual([]);
    expect(cases.length + skipped.length).toBe(imported.size);
    expect(cases.length).toBeGreaterThanOrEqual(15);
    for (const oi of cases) {
      const imp = imported.get(oi.id.replace(/ \(OpenInference\)$/, ""))!;
      const [a, b] = [analyzeRun(imp.spans, { outcome: "failed" }), analyzeRun(oi.spans, { outcome: "failed" })];
      expect(b.steps.length, oi.id).toBe(a.steps.length);
      expect(analyzeRun(oi.spans).outcome.status, oi.id).toBe(analyzeRun(withoutVerdict(imp.spans)).outcome.status);
      // On the labelled failures, the same step: the importer numbers steps from 1 in
      // `sourceIndex`, the OTLP form has them in order. (A success forced to "failed" may
      // differ: its LLM spans carry the whole history as input, the import only the task.)
      if (imp.outcome === "failed") expect(b.onset!.stepIndex + 1, oi.id).toBe(a.onset!.sourceIndex);
    }
  }, 60_000); // real runs decoded and analyzed: seconds, more on a loaded machine
});
