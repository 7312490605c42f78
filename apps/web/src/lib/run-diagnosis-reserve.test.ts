import { describe, expect, it } from "vitest";
import { diagnosisReserve } from "./run-diagnosis-reserve";

const run = { status: "ok", onsetSpanId: null, loopCount: 0, costFindingCount: 0 };

describe("diagnosisReserve", () => {
  it("holds the onset banner's room for a failed run, one with an onset badge or with loops", () => {
    expect(diagnosisReserve({ ...run, status: "error" })).toBe("cards");
    expect(diagnosisReserve({ ...run, onsetSpanId: "a1" })).toBe("cards");
    expect(diagnosisReserve({ ...run, loopCount: 2 })).toBe("cards");
  });
  it("holds one card's room for a cost finding or a run with no status (suspects), a line otherwise", () => {
    expect(diagnosisReserve({ ...run, costFindingCount: 1 })).toBe("finding");
    expect(diagnosisReserve({ ...run, status: "unset" })).toBe("finding");
    expect(diagnosisReserve(run)).toBe("line");
  });
});
