import { describe, expect, it } from "vitest";
import { analyzeRun } from "../analyze-run";
import { call } from "../test-support/coding-steps";
import { RunBuilder } from "../test-support/span-builder";

/**
 * A code agent answering a research question, shaped like a smolagents GAIA run: it
 * searches, runs extraction code whose printed result is the answer's value, then calls
 * final_answer with it (whose observation echoes the value back). The run span's output
 * is the final answer.
 */
function researchRun(printed: string, answer: string) {
  const b = new RunBuilder();
  const root = b.agent("CodeAgent");
  call(b, root, "python_interpreter", { code: "print(web_search('Mercedes Sosa discography'))" }, "Execution logs:\n## Search Results\n0. [Mercedes Sosa](https://en.wikipedia.org/wiki/Mercedes_Sosa)");
  const extract = call(b, root, "python_interpreter", { code: "albums = [a for a in rows if 2000 <= a.year <= 2009]\nprint(len(albums))" }, `Execution logs:\nCount of studio albums released between 2000 and 2009: ${printed}`);
  const last = call(b, root, "python_interpreter", { code: `final_answer(${JSON.stringify(answer)})` }, `Execution logs:\nLast output from code snippet: ${answer}`);
  const spans = b.build();
  spans[0]!.output = { kind: "text", text: answer };
  return { spans, extract, last };
}

describe("a failed run with no signal: the step that produced the final answer's value", () => {
  it("blames the step whose observation showed the value the answer relayed, not the answering step", () => {
    const { spans, extract } = researchRun("0", "0");
    const a = analyzeRun(spans, { outcome: "failed" });
    expect(a.onset?.stepId).toBe(extract);
    expect(a.onset!.evidence[0]).toMatchObject({ kind: "fallback", text: expect.stringMatching(/the final answer \("0"\) is the value step 2 produced/) as unknown });
  });

  it("keeps the answering step when the step before it did not show the value as a whole token", () => {
    const { spans, last } = researchRun("10", "0"); // "10" holds a 0, not the token 0; the search listing "0. [Mercedes Sosa]" is two steps back
    expect(analyzeRun(spans, { outcome: "failed" }).onset?.stepId).toBe(last);
  });
});
