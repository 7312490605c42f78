/**
 * Every document a comment or a doc cites exists in the repository, with the numbered
 * section it names (`docs/spec/run-diff.md §5`). Run by `npm test` as the root turbo task
 * `test:docs` (`node --test scripts/`), next to the packages' own tests.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { checkRepository, checkText, commentsOnly, hasSection } from "./doc-citations.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cited = (file, text) => checkText(root, file, text, new Set(["run-diff.md"])).map((p) => p.cited);

test("every cited document exists in the repository", () => {
  const problems = checkRepository(root).map((p) => `${p.file}:${p.line} ${p.cited}: ${p.why}`);
  assert.deepEqual(problems, []);
});

test("the checker reports what points nowhere", async (t) => {
  const cases = [
    { why: "a spec path that exists, with a section it has", file: "packages/x/src/a.ts", text: "// docs/spec/run-diff.md §5", expected: [] },
    { why: "a section the spec does not have", file: "packages/x/src/a.ts", text: "// docs/spec/run-diff.md §9", expected: ["docs/spec/run-diff.md §9"] },
    { why: "a doc that does not exist", file: "packages/x/src/a.ts", text: "/* see docs/nope.md */", expected: ["docs/nope.md"] },
    { why: "the design notes outside the repository", file: "packages/x/src/a.ts", text: "// DESIGN.md §5", expected: ["DESIGN.md"] },
    { why: "a docs/ path without its ending", file: "packages/x/src/a.ts", text: "// docs/configuration", expected: ["docs/configuration"] },
    { why: "an ADR cited by its number", file: "packages/x/src/a.ts", text: "// docs/adr/0004", expected: [] },
    { why: "a bare spec name that only exists under docs/spec", file: "packages/x/src/a.ts", text: "// run-diff.md §2", expected: ["run-diff.md"] },
    { why: "a file named in a string is test data, not a citation", file: "packages/x/src/a.ts", text: 'const f = "docs/nope.md";', expected: [] },
    { why: "a URL is somebody else's document", file: "packages/x/src/a.ts", text: "// https://github.com/o/r/blob/main/docs/nope.md", expected: [] },
    { why: "a lowercase bare name is a file an agent touched", file: "packages/x/src/a.ts", text: "// read_file notes.md", expected: [] },
    { why: "prose is read whole", file: "docs/x.md", text: "See docs/nope.md.", expected: ["docs/nope.md"] },
  ];
  for (const c of cases) {
    await t.test(c.why, () => assert.deepEqual(cited(c.file, c.text), c.expected));
  }
});

test("commentsOnly keeps comments and line numbers, blanks strings and code", () => {
  const out = commentsOnly('const a = "// not a comment";\n// yes\nconst b = `x\ny`; /* also */');
  assert.equal(out.split("\n").length, 4);
  assert.match(out, /\/\/ yes/);
  assert.match(out, /\/\* also \*\//);
  assert.doesNotMatch(out, /not a comment/);
});

test("hasSection finds numbered headings", () => {
  assert.equal(hasSection("## 3. Data flow\n### 3.1 Receive\n", "3.1"), true);
  assert.equal(hasSection("## 3. Data flow\n", "3"), true);
  assert.equal(hasSection("## 31. Other\n", "3"), false);
});
