import { describe, expect, it } from "vitest";
import { ImportError } from "../errors";
import { importTauRecord } from "../tau-record";
import { detectFormat, importArtifact } from "../registry";
import { readFixture, structuralProblems } from "../test-support/fixtures";

// tau-retail.json: two τ-bench retail records trimmed from AgentRx's tau_dataset_full.json
// (MIT; see fixtures/chat-history/README.md).
//
//   task 39, reward 0.0: 0 system | 1 user | 2 assistant | 3 user | 4 assistant -> find_user_id_by_email |
//     5 tool "Error: user not found" | 6 assistant | 7 user | 8 assistant -> find_user_id_by_name_zip |
//     9 tool | 10 assistant -> get_user_details | 11 tool | 12 assistant
//   task 50, reward 1.0: 0 system | 1-5 user/assistant | 6 assistant -> transfer_to_human_agents | 7 tool
const FIXTURE = "chat-history/tau-retail.json";

describe("τ-bench records", () => {
  const content = readFixture(FIXTURE);
  const records = JSON.parse(content) as { task_id: number; traj: { role: string }[] }[];

  it("detects a list of records and imports one run per record with its reward as the verdict", () => {
    expect(detectFormat("tau.json", content)).toMatchObject({ format: "chat-history", confidence: 0.9 });
    const { runs } = importArtifact("tau.json", content);
    expect(runs.map((r) => r.sourceRunId)).toEqual(["39", "50"]);
    for (const run of runs) expect(structuralProblems(run)).toEqual([]);
    expect(runs.map((r) => r.spans[0]!.attributes["onset.run.outcome"])).toEqual(["failed", "succeeded"]);
    expect(runs[0]!.spans[0]!.attributes).toMatchObject({
      "onset.run.outcome_source": "importer",
      "onset.run.outcome_reason": "reward 0",
      "onset.run.task_id": "39",
      "onset.run.trial": 39,
    });
    expect(new Set(runs.map((r) => r.traceId)).size).toBe(2);
  });

  it("maps every assistant and tool message traj[k] to a span with onset.source.index k", () => {
    const run = importTauRecord(records[0]);
    const bySource = new Map(run.spans.filter((s) => s.type !== "agent").map((s) => [s.attributes["onset.source.index"], s]));
    records[0]!.traj.forEach((m, k) => {
      if (m.role === "assistant" || m.role === "tool") expect(bySource.get(k), `traj[${k}]`).toBeDefined();
    });
    // AgentRx's step_number N is traj[N-1]: llm spans carry it as onset.step.index
    const llm = bySource.get(4)!;
    expect(llm.type).toBe("llm");
    expect(llm.attributes["onset.step.index"]).toBe(5);
    const failed = bySource.get(5)!;
    expect(failed).toMatchObject({ type: "tool", statusCode: "error", statusMessage: "Error: user not found" });
    expect(failed.tool!.name).toBe("find_user_id_by_email");
    expect(failed.attributes["onset.step.index"]).toBe(5); // the step of the turn that called it
    // user turns: the next llm span's input, and root events keyed by index
    expect(bySource.get(6)!.attributes["onset.source.input_indices"]).toBeUndefined();
    expect(bySource.get(8)!.attributes["onset.source.input_indices"]).toEqual([7]);
    expect(run.spans[0]!.events.map((e) => e.attributes["onset.source.index"])).toEqual([1, 3, 7]);
  });

  it("never reads info (the grader's answer key)", () => {
    const run = importTauRecord(records[0]);
    const everything = JSON.stringify(run.spans);
    expect(everything).not.toContain("You are fatima_taylor_3452");
    expect(everything).not.toContain('"zip": "85033"');
  });

  it("is deterministic and rejects what is not a record", () => {
    expect(importTauRecord(records[1]).traceId).toBe(importTauRecord(records[1]).traceId);
    expect(() => importTauRecord({ task_id: 1 })).toThrow(ImportError);
    expect(() => importTauRecord([records[0]])).toThrow(/`traj` list/);
    expect(() => importTauRecord({ task_id: 1, reward: 0, traj: [{ content: "no role" }] })).toThrow(/traj: \[0\]\.role/);
  });
});
