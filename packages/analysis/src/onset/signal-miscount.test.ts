import { describe, expect, it } from "vitest";
import { analyzeRun } from "../analyze-run";
import { buildRunModel } from "../steps/run-model";
import { call, say } from "../test-support/coding-steps";
import { RunBuilder } from "../test-support/span-builder";
import { findMiscounts } from "./signal-miscount";
import { cpuMs } from "../test-support/cpu-time";

/**
 * A product record shaped like τ-bench retail's get_product_details (variants keyed by
 * item id, each with `available`), then an issue tracker's list, so the signal is not
 * tied to one domain's words.
 */
function product(available: number, unavailable: number): string {
  const variants: Record<string, unknown> = {};
  for (let k = 0; k < available + unavailable; k++) {
    const id = String(9_612_497_925 + k);
    variants[id] = { item_id: id, options: { color: ["blue", "red", "black"][k % 3], size: ["S", "M", "L", "XL"][k % 4] }, available: k < available, price: 50 + k };
  }
  return JSON.stringify({ name: "T-Shirt", product_id: "9523456873", variants });
}

function statedAfter(result: string, tool: string, answer: string) {
  const b = new RunBuilder();
  const root = b.agent("assistant");
  call(b, root, tool, { id: "9523456873" }, result);
  const claim = say(b, root, answer);
  return { spans: b.build(), claim };
}

const miscounts = (result: string, tool: string, answer: string) => findMiscounts(buildRunModel(statedAfter(result, tool, answer).spans).steps).map((m) => m.text);

describe("a stated total the latest listing contradicts", () => {
  it("blames the step that counts 11 available options among 10 available variants, and infers a failure from it", () => {
    const { spans, claim } = statedAfter(product(10, 2), "get_product_details", "Currently, there are 11 available T-shirt options in our online store.");
    const a = analyzeRun(spans);
    expect(a.outcome).toMatchObject({ status: "failed", source: "inferred" });
    expect(a.onset?.stepId).toBe(claim);
    const ev = a.onset!.evidence.find((e) => e.kind === "contradicted-observation")!;
    expect(ev.text).toBe('says "there are 11 available T-shirt options", but get_product_details at step 1 listed 10 of its 12 variants with available: true');
  });

  it("counts a list's size when the words name its members, in any domain", () => {
    const issues = JSON.stringify([1, 2, 3, 4, 5, 6].map((n) => ({ number: 4000 + n, title: `bug ${n}`, state: "open" })));
    expect(miscounts(issues, "list_issues", "There are 5 open issues in the repository.")).toEqual([]); // "open" narrows: not a boolean field
    expect(miscounts(issues, "list_issues", "In total, there are 5 issues.")).toEqual(['says "there are 5 issues", but list_issues at step 1 listed 6 results']);
  });

  // Each row: the statement after a 12-variant record with 10 available; none contradicts it.
  const FINE: [string, string][] = [
    ["Currently, there are 10 available T-shirt options.", "the right count"],
    ["There are 12 T-shirt options in all.", "the list's size"],
    ["There are 2 options that are not available.", "the unavailable ones"],
    ["For the color red, there are 3 available options.", "a subset named before the count"],
    ["There are 3 available blue options.", "a word that narrows the list"],
    ["I found 7 options you may like.", "not stated as a total"],
  ];
  it.each(FINE)("%j is no contradiction (%s)", (answer) => {
    expect(miscounts(product(10, 2), "get_product_details", answer)).toEqual([]);
  });

  it("reads only the latest JSON result before the statement, and parses it once", () => {
    const b = new RunBuilder();
    const root = b.agent("assistant");
    call(b, root, "get_product_details", { id: "1" }, product(10, 2));
    call(b, root, "search_flights", { from: "LAS" }, JSON.stringify([{ flight: "HAT266" }, { flight: "HAT112" }]));
    say(b, root, "There are 11 available options."); // about the flights now: 2 results, no `available` field
    expect(findMiscounts(buildRunModel(b.build()).steps)).toEqual([]);
  });
});

describe("a hostile run costs little", () => {

  it("parses at most 8 MB of listings however many totals follow them", () => {
    const listing = product(750, 250); // 1,000 variants, about 106 KB: 10 MB in all
    const b = new RunBuilder();
    const root = b.agent("assistant");
    for (let k = 0; k < 100; k++) {
      call(b, root, "get_product_details", { id: String(k) }, listing.replace("9523456873", String(k)));
      say(b, root, "There are 750 available options."); // right: every listing up to 8 MB is read
    }
    const steps = buildRunModel(b.build()).steps;
    expect(cpuMs(() => expect(findMiscounts(steps)).toEqual([]))).toBeLessThan(1_000);
  });
});
