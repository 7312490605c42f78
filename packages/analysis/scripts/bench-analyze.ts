/**
 * Benchmark: builds a 10,000-span multi-agent run (a planner handing work to coding
 * workers that read, edit, test, hit errors and loop) and times each analysis pass.
 * Prints the median of several runs after a warm-up.
 *
 *   npx tsx packages/analysis/scripts/bench-analyze.ts [--spans 10000] [--runs 9]
 */
import os from "node:os";
import type { NormalizedSpan } from "@onset/otlp";
import { breakdownFromModel } from "../src/breakdown/run-breakdown";
import { dagFromModel } from "../src/dag/build-dag";
import { loopsFromModel } from "../src/loops/detect-loops";
import { localizeOnset } from "../src/onset/localize-onset";
import { analyzeRun } from "../src/analyze-run";
import { modelFromIndex } from "../src/steps/run-model";
import { seededRandom } from "../src/diff/test-spans";
import { RunBuilder } from "../src/test-support/span-builder";
import { treeFromIndex } from "../src/tree/build-tree";
import { indexSpans } from "../src/tree/span-index";

function arg(name: string, fallback: number): number {
  const k = process.argv.indexOf(name);
  return k >= 0 ? Number(process.argv[k + 1]) : fallback;
}

/** A big, varied run of about `target` spans. */
export function buildBenchRun(target: number, seed = 7): NormalizedSpan[] {
  const rand = seededRandom(seed);
  const b = new RunBuilder("4bf92f3577b34da6a3ce929d0e0e4736");
  const root = b.agent("planner", { attrs: { "onset.run.outcome": "failed" } });
  const files = Array.from({ length: 40 }, (_, k) => `src/module_${k}.py`);
  const body = (n: number) => Array.from({ length: n }, (_, k) => `    line ${k}: value = compute(${k}) # ${"x".repeat(20)}`).join("\n");
  let spans = 1;
  let worker = 0;
  while (spans < target) {
    b.step({ parent: root, agentName: "planner", text: `Delegate task ${worker}`, calls: [] });
    const w = b.agent(`worker-${worker % 4}`, { parent: root });
    spans += 2;
    for (let s = 0; s < 120 && spans < target; s++) {
      const f = files[Math.floor(rand() * files.length)]!;
      const r = rand();
      const calls =
        r < 0.3
          ? [{ tool: "bash", args: { command: `cat ${f}` }, result: body(30), exit: 0 }]
          : r < 0.45
            ? [{ tool: "str_replace_editor", args: { command: "str_replace", path: f, old_str: `value = compute(${s})`, new_str: `value = compute(${s + 1})` }, result: "The file has been edited." }]
            : r < 0.6
              ? [{ tool: "bash", args: { command: "pytest -q tests" }, result: rand() < 0.5 ? `FAILED tests/test_x.py::test_${s} - AssertionError\n1 failed, 41 passed in 0.${s}s` : "42 passed in 1.2s", exit: rand() < 0.5 ? 1 : 0 }]
              : r < 0.7
                ? [{ tool: "bash", args: { command: `grep -rn compute src/` }, result: body(12), exit: 0 }]
                : r < 0.8
                  ? [{ tool: "bash", args: { command: "python run.py" }, result: "Traceback (most recent call last):\n  File run.py\nValueError: bad", exit: 1 }]
                  : r < 0.9
                    ? [{ tool: "bash", args: { command: "ls src" }, result: files.join("\n"), exit: 0 }, { tool: "bash", args: { command: "git status" }, result: "modified: x", exit: 0 }]
                    : [{ tool: "web_search", args: { query: `python error ${Math.floor(rand() * 5)}` }, result: `Result: use value ${Math.floor(rand() * 900)} instead` }];
      b.step({
        parent: w,
        agentName: `worker-${worker % 4}`,
        text: `I will ${calls[0]!.tool} step ${s}; the value is ${Math.floor(rand() * 10000)}`,
        tokens: [1500 + s * 10, 120],
        costUsd: 0.002,
        withCallIds: rand() < 0.5,
        calls,
      });
      spans += 1 + calls.length;
    }
    worker++;
  }
  return b.build();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function main(): void {
  const target = arg("--spans", 10_000);
  const runs = arg("--runs", 9);
  const spans = buildBenchRun(target);
  const times: Record<string, number[]> = { tree: [], steps: [], loops: [], onset: [], dag: [], breakdown: [], total: [], "total (cpu)": [], analyzeRun: [] };
  for (let k = 0; k < runs + 2; k++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const index = indexSpans(spans);
    treeFromIndex(index);
    const t1 = performance.now();
    const model = modelFromIndex(index);
    const t2 = performance.now();
    const loops = loopsFromModel(model);
    const t3 = performance.now();
    localizeOnset(model, loops);
    const t4 = performance.now();
    dagFromModel(model);
    const t5 = performance.now();
    breakdownFromModel(model);
    const t6 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    analyzeRun(spans);
    const t7 = performance.now();
    if (k < 2) continue; // warm-up
    times.tree!.push(t1 - t0);
    times.steps!.push(t2 - t1);
    times.loops!.push(t3 - t2);
    times.onset!.push(t4 - t3);
    times.dag!.push(t5 - t4);
    times.breakdown!.push(t6 - t5);
    times.total!.push(t6 - t0);
    // CPU time of this process over the same passes: on a shared, loaded machine wall time includes waiting for a core.
    times["total (cpu)"]!.push((cpu.user + cpu.system) / 1000);
    times.analyzeRun!.push(t7 - t6);
  }
  console.log(`spans: ${spans.length}, runs: ${runs} (median ms, after 2 warm-up runs); load average ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`);
  for (const [name, xs] of Object.entries(times)) console.log(`${name.padEnd(12)} ${median(xs).toFixed(1).padStart(7)} ms`);
}

if (process.argv[1]?.endsWith("bench-analyze.ts")) main();
