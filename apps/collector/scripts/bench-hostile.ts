/**
 * CPU cost of each hostile input next to a normal one, for every guard of
 * docs/security.md: price patterns, command classification, run analysis, run diff,
 * OTLP decoding and gzip bombs. Prints a markdown table (docs/benchmarks.md, "Hostile
 * inputs"). Each figure is the median CPU time (user + system, this process) of 5 calls
 * after a warm-up.
 *
 *   npx tsx apps/collector/scripts/bench-hostile.ts
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { analyzeRun, classifyCommand, diffRuns } from "@onset/analysis";
import { PriceTable, type PriceRow } from "@onset/db";
import { decodeTraceRequestJson } from "@onset/otlp";
import { failedCommandTrajectory } from "../../../packages/analysis/src/test-support/coding-steps";

function cpuMs(fn: () => unknown, reps = 5): number {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    xs.push((c.user + c.system) / 1000);
  }
  return xs.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
}

const rows: [string, string, number, string, number][] = [];
const row = (guard: string, normalWhat: string, normal: () => unknown, hostileWhat: string, hostile: () => unknown) =>
  rows.push([guard, normalWhat, cpuMs(normal), hostileWhat, cpuMs(hostile)]);

// Price patterns: RE2 (re2js) for overrides, names capped at 256 characters.
const price = (id: string, modelPattern: string): PriceRow => ({
  id, projectId: "p", provider: null, modelPattern, modelName: id, inputPerMtok: 1, outputPerMtok: 1,
  cacheReadPerMtok: null, cacheWritePerMtok: null, reasoningPerMtok: null, effectiveFrom: new Date(0), effectiveTo: null, priority: 0,
});
row(
  "price pattern (per span, uncached name)",
  "`^gpt-4o` vs `gpt-4o-mini`",
  () => new PriceTable([price("n", "^gpt-4o")]).find("p", "gpt-4o-mini", 0),
  "`^(a+)+$` vs `a`×40+`!`",
  () => new PriceTable([price("h", "^(a+)+$")]).find("p", "a".repeat(40) + "!", 0),
);
row(
  "  the same, JavaScript RegExp (before)",
  "`^(a+)+$` vs `a`×16+`!`",
  () => /^(a+)+$/.test("a".repeat(16) + "!"),
  "`^(a+)+$` vs `a`×22+`!`",
  () => /^(a+)+$/.test("a".repeat(22) + "!"),
);

// Command classification (capped at 8 KB, linear patterns).
const normalCmd = "cd /repo && python -m pytest tests/test_models.py -x -q 2>&1 | tail -20";
row("classify a command", "a 70-byte pytest line", () => classifyCommand(normalCmd), '`"python /" + "check"×40,000` (200 KB)', () => classifyCommand("python /" + "check".repeat(40_000)));
row("", "", () => 0, "`a` + 200,000 blanks + `b`", () => classifyCommand("a" + " ".repeat(200_000) + "b"));
row("", "", () => 0, '`"<<EOF x\\n"`×25,000 (200 KB)', () => classifyCommand("<<EOF x\n".repeat(25_000)));

// Whole-run analysis of a SWE-agent-shaped trajectory.
const trajectory = failedCommandTrajectory;
const normalRun = trajectory(normalCmd);
for (const kb of [100, 200, 400]) {
  const hostile = trajectory("python /" + "check".repeat((kb * 1000) / 5));
  row(kb === 100 ? "analyzeRun, 3-step trajectory" : "", kb === 100 ? "normal commands" : "", () => analyzeRun(normalRun), `action \`"python /" + "check"×N\`, ${kb} KB`, () => analyzeRun(hostile));
}

// Run diff of two 3-span runs.
for (const kb of [60, 200]) {
  const hostile = trajectory("x" + "'''".repeat((kb * 1000) / 3) + "x");
  row(kb === 60 ? "diffRuns, two short runs" : "", kb === 60 ? "normal commands" : "", () => diffRuns(normalRun, trajectory("ls -la")), `command \`x'''…'''x\`, ${kb} KB`, () => diffRuns(normalRun, hostile));
}

// OTLP/JSON decoding (bounded by ONSET_MAX_BODY_BYTES; attributes capped after decoding).
const otlp = (attrs: string) =>
  `{"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"scope":{},"spans":[{"traceId":"${"ab".repeat(16)}","spanId":"${"cd".repeat(8)}","name":"s","kind":1,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000001000000000","attributes":${attrs}}]}]}]}`;
let deep = '{"stringValue":"leaf"}';
for (let i = 0; i < 5000; i++) deep = `{"kvlistValue":{"values":[{"key":"k","value":${deep}}]}}`;
const normalBody = otlp(`[${Array.from({ length: 20 }, (_, i) => `{"key":"k${i}","value":{"stringValue":"v${i}"}}`).join(",")}]`);
const decode = (b: string) => decodeTraceRequestJson(b, { maxAttributeBytes: 65536 });
row("OTLP/JSON decode", "one span, 20 attributes", () => decode(normalBody), "attribute nested 5,000 deep (245 KB)", () => decode(otlp(`[{"key":"deep","value":${deep}}]`)));
row("", "", () => 0, "one span, 100,000 attributes (4.6 MB)", () => decode(otlp(`[${Array.from({ length: 100_000 }, (_, i) => `{"key":"k${i}","value":{"intValue":"${i}"}}`).join(",")}]`)));

// gzip: what an authenticated bomb costs (inflate stops at the body limit); a bad key costs none.
const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
const normalGz = gzipSync(Buffer.from(normalBody));
row("gzip inflate (authenticated)", `a ${normalGz.length}-byte body`, () => gunzipSync(normalGz, { maxOutputLength: 16 << 20 }), `${(bomb.length / 1024).toFixed(0)} KB inflating to 64 MiB, stopped at 16 MiB`, () => {
  try {
    gunzipSync(bomb, { maxOutputLength: 16 << 20 });
  } catch {
    // ERR_BUFFER_TOO_LARGE: the 413 path
  }
});

console.log("| guard | normal input | CPU ms | hostile input | CPU ms |\n|---|---|---|---|---|");
for (const [g, nw, n, hw, h] of rows) console.log(`| ${g} | ${nw} | ${nw ? n.toFixed(2) : ""} | ${hw} | ${h.toFixed(2)} |`);
