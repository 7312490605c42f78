import { describe, expect, it } from "vitest";
import { genaiPriceRows } from "./genai-prices-seed";
import { compileModelPattern, MAX_MODEL_NAME_CHARS, modelPatternProblem, normalizeModelName } from "./model-pattern";
import { PriceTable, type PriceRow } from "./price-table";

const row = (over: Partial<PriceRow>): PriceRow => ({
  id: "r",
  projectId: "p1",
  provider: null,
  modelPattern: "^x$",
  modelName: "x",
  inputPerMtok: 1,
  outputPerMtok: 2,
  cacheReadPerMtok: null,
  cacheWritePerMtok: null,
  reasoningPerMtok: null,
  effectiveFrom: new Date(0),
  effectiveTo: null,
  priority: 0,
  ...over,
});

describe("model patterns (linear time)", () => {
  it("matches the catastrophic-backtracking pattern ^(a+)+$ in well under 10 ms", () => {
    // With a backtracking engine this took seconds and grew 4x per 2 characters.
    const m = compileModelPattern("^(a+)+$", false)!;
    expect(m.test("b")).toBe(false); // first call loads the engine's code paths
    const started = performance.now();
    expect(m.test("a".repeat(40) + "!")).toBe(false);
    expect(m.test("a".repeat(MAX_MODEL_NAME_CHARS - 1) + "!")).toBe(false);
    expect(m.test("a".repeat(40))).toBe(true);
    expect(performance.now() - started).toBeLessThan(10);
  });

  it("prices a span through a hostile override quickly, and still prices normal names", () => {
    const table = new PriceTable([row({ id: "evil", modelPattern: "^(a+)+$" }), row({ id: "ok", modelPattern: "^gpt-4o", priority: 1 })]);
    const started = performance.now();
    expect(table.find("p1", "a".repeat(40) + "!", 0)).toBeNull();
    expect(table.find("p1", "a".repeat(28), 0)?.id).toBe("evil");
    expect(table.find("p1", "GPT-4o-mini", 0)?.id).toBe("ok");
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("refuses lookaround and backreferences in user patterns, and accepts the usual ones", () => {
    expect(modelPatternProblem("^(?!.*tts)")).toMatch(/RE2/);
    expect(modelPatternProblem("(a)\\1")).toMatch(/RE2/);
    expect(modelPatternProblem("[")).toMatch(/RE2/);
    expect(modelPatternProblem("x".repeat(301))).toMatch(/longer/);
    for (const ok of ["^gpt-4o$", "^claude-3-5-sonnet", "gemini", "^my\\.model-\\d{8}$", "(?i)^Foo"]) expect(modelPatternProblem(ok)).toBeNull();
  });

  it("a stored user pattern RE2 cannot compile prices nothing instead of running on the backtracking engine", () => {
    expect(compileModelPattern("^(?!x)", false)).toBeNull();
    expect(new PriceTable([row({ modelPattern: "^(?!x)" })]).find("p1", "y", 0)).toBeNull();
  });

  it("caps the model name before matching", () => {
    expect(normalizeModelName(`  ${"B".repeat(1000)}  `)).toHaveLength(MAX_MODEL_NAME_CHARS);
    expect(normalizeModelName(" GPT-4o ")).toBe("gpt-4o");
  });

  it("every bundled price row compiles (the two with lookaheads through the trusted path)", () => {
    const rows = genaiPriceRows();
    expect(rows.every((r) => compileModelPattern(r.modelPattern, true) !== null)).toBe(true);
    const table = new PriceTable(rows);
    expect(table.find("x", "gpt-4o-mini", Date.now())).not.toBeNull();
    expect(table.find("x", "gemini-2.5-pro", Date.now())).not.toBeNull();
  });
});
