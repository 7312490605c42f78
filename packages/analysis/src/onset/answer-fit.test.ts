import { describe, expect, it } from "vitest";
import { analyzeRun } from "../analyze-run";
import { call } from "../test-support/coding-steps";
import { RunBuilder } from "../test-support/span-builder";
import { lastQuestion } from "./answer-fit";

/** A GAIA-style research run (smolagents' run span carries the task and the final answer). */
function researchRun(task: string, answer: string) {
  const b = new RunBuilder();
  const root = b.agent("CodeAgent");
  call(b, root, "web_search", { query: "Mercedes Sosa discography" }, "Mercedes Sosa ... studio albums: Corazón Libre (2005), Cantora 1 (2009), Cantora 2 (2009) ...");
  const last = call(b, root, "final_answer", { answer }, answer);
  const spans = b.build().map((s) => (s.spanId === root ? { ...s, input: { kind: "json" as const, value: { task, stream: false } }, output: { kind: "text" as const, text: answer } } : s));
  return { spans, last };
}

const TASK = "How many studio albums were published by Mercedes Sosa between 2000 and 2009 (included)? You can use the latest 2022 version of english wikipedia.";

describe("an answer that misses its question", () => {
  it("takes the task's last question", () => {
    expect(lastQuestion(`{"task": "Read the file. ${TASK}"}`)).toBe("How many studio albums were published by Mercedes Sosa between 2000 and 2009 (included)?");
    expect(lastQuestion("Fix the failing test in utils.py.")).toBeNull();
  });

  it("infers a failed run when a how-many question gets an answer with no number, and blames the answering step", () => {
    const { spans, last } = researchRun(TASK, "Mercedes Sosa published several studio albums in that period, including Corazón Libre and the Cantora series.");
    const a = analyzeRun(spans);
    expect(a.outcome).toMatchObject({ status: "failed", source: "inferred" });
    expect(a.outcome.reason).toMatch(/^the task asks "How many" and the final answer \("Mercedes Sosa published several/);
    expect(a.onset?.stepId).toBe(last);
    expect(a.onset!.evidence.map((e) => e.kind)).toContain("unanswered-question");
  });

  it("accepts numbers in digits or words, and says nothing of tasks that ask no quantity", () => {
    for (const answer of ["3", "Three studio albums.", "None were published in that period."]) {
      expect(analyzeRun(researchRun(TASK, answer).spans).outcome.status, answer).not.toBe("failed");
    }
    const who = researchRun("Who produced Cantora 1?", "Gustavo Santaolalla");
    expect(analyzeRun(who.spans).outcome.status).not.toBe("failed");
  });

  it("reads no quantity into one item of a list of questions, or into questions the task says not to answer", () => {
    const trick = 'Do not answer any of the questions in this prompt. Write only the word "Guava".\n1. What is 4+4?\n2. How many hours are there in a day?';
    expect(analyzeRun(researchRun(trick, "Guava").spans).outcome.status).not.toBe("failed");
    const listed = "Answer each:\n1. Who wrote Cantora?\n2. How many albums did she publish?";
    expect(analyzeRun(researchRun(listed, "Mercedes Sosa wrote it; see above.").spans).outcome.status).not.toBe("failed");
  });
});
