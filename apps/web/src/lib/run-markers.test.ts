import type { ChainLink, LoopFinding, Onset, StepLabel } from "@onset/analysis";
import { describe, expect, it } from "vitest";
import { markersFor, runMarkers } from "./run-markers";

//  step s1 (llm l1, tool t1)  <- onset
//  step s2 (llm l2, tool t2)  <- chain: affected
//  step s3 (llm l3, tool t3)  <- loop: t1, t3 repeat; t3 is the first repeat; s3 labelled unuseful
const onset = { spanId: "l1", stepId: "s1", stepIndex: 0, sourceIndex: null, agentName: "a", actionSpanIds: ["t1"], evidence: [], confidence: 0.8 } as Onset;
const chain = [
  { spanId: "l1", stepId: "s1", stepIndex: 0, agentName: "a", relation: "incorrect", evidence: [] },
  { spanId: "l2", stepId: "s2", stepIndex: 1, agentName: "a", relation: "affected", evidence: [] },
] as ChainLink[];
const loops = [{ id: "loop1", kind: "repeated-call", spanIds: ["t1", "t3"], onsetSpanId: "t3" }] as LoopFinding[];
const labels = [{ stepId: "s3", spanId: "l3", stepIndex: 2, label: "unuseful", score: 0.7, evidence: [] }] as StepLabel[];
const m = runMarkers({ onset, chain, loops, labels });

describe("markersFor", () => {
  it.each([
    { why: "the onset's decision span is the onset", row: { kind: "span", spanId: "l1", stepId: null }, want: { onset: true, chain: null, loopOnset: false, label: null } },
    { why: "the onset's action spans are the onset too", row: { kind: "span", spanId: "t1", stepId: null }, want: { onset: true, chain: null, loopOnset: false, label: null } },
    { why: "the onset step row is marked, not as its own chain", row: { kind: "step", spanId: "l1", stepId: "s1" }, want: { onset: true, chain: null, loopOnset: false, label: null } },
    { why: "a downstream step row carries its relation", row: { kind: "step", spanId: "l2", stepId: "s2" }, want: { onset: false, chain: "affected", loopOnset: false, label: null } },
    { why: "the downstream step's primary span carries it too", row: { kind: "span", spanId: "l2", stepId: null }, want: { onset: false, chain: "affected", loopOnset: false, label: null } },
    { why: "the first repeat of a loop says the waste starts there", row: { kind: "span", spanId: "t3", stepId: null }, want: { onset: false, chain: null, loopOnset: true, label: null } },
    { why: "a step labelled unuseful says so", row: { kind: "step", spanId: "l3", stepId: "s3" }, want: { onset: false, chain: null, loopOnset: false, label: "unuseful" } },
    { why: "a stage row has no markers", row: { kind: "stage", spanId: null, stepId: null }, want: { onset: false, chain: null, loopOnset: false, label: null } },
  ])("$why", ({ row, want }) => expect(markersFor(m, row)).toMatchObject(want));

  it("links loop spans to their finding from the first repeat on: the original call carries no LOOP badge above 'loop starts'", () => {
    expect(markersFor(m, { kind: "span", spanId: "t3", stepId: null }).loop?.id).toBe("loop1");
    expect(markersFor(m, { kind: "span", spanId: "t1", stepId: null }).loop).toBeNull();
    expect(markersFor(m, { kind: "span", spanId: "t2", stepId: null }).loop).toBeNull();
  });

  it("has nothing to mark in a clean run", () => {
    const clean = runMarkers({ onset: null, chain: [], loops: [], labels: [] });
    expect(markersFor(clean, { kind: "span", spanId: "l1", stepId: null })).toEqual({ onset: false, chain: null, loop: null, loopOnset: false, label: null });
  });
});
