/**
 * The dependency direction of docs/architecture.md ("Layers") is enforced by the lint
 * configuration (eslint.config.js): an import against it is a lint error, so it fails
 * `npm test`. This runs the repository's own ESLint configuration over one-line modules
 * placed in each layer and checks that the upward imports are refused and the allowed
 * ones are not. Run by `npm test` as the root task `test:docs` (`node --test scripts/`).
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const eslint = new ESLint({ cwd: root });

/** The no-restricted-imports messages ESLint gives `import` placed at `file`. */
async function refusals(file, specifier) {
  const [result] = await eslint.lintText(`import { x } from "${specifier}";\nexport const y = x;\n`, { filePath: join(root, file) });
  return result.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

/**
 * Per layer, a module placed there and what it imports: `refused` must be a lint error
 * (an import against the layers), `allowed` must not.
 */
const LAYERS = [
  { layer: "the database layer", file: "packages/db/src/layering-probe.ts", refused: ["@onset/analysis", "@onset/analysis-service", "@onset/collector"], allowed: ["@onset/otlp"] },
  { layer: "the pure analyzer", file: "packages/analysis/src/layering-probe.ts", refused: ["@onset/db", "node:fs", "pg"], allowed: ["@onset/otlp"] },
  { layer: "the decoder", file: "packages/otlp/src/layering-probe.ts", refused: ["@onset/analysis", "@onset/db"], allowed: [] },
  { layer: "the orchestration service", file: "packages/analysis-service/src/layering-probe.ts", refused: ["@onset/web"], allowed: ["@onset/analysis", "@onset/db"] },
  { layer: "the collector", file: "apps/collector/src/layering-probe.ts", refused: ["@onset/web", "@onset/cli"], allowed: ["@onset/db", "@onset/otlp"] },
  { layer: "a web component", file: "apps/web/src/components/layering-probe.tsx", refused: ["@/server/route", "@onset/collector"], allowed: ["@/contracts/runs"] },
  { layer: "the CLI, which composes the apps", file: "packages/cli/src/layering-probe.ts", refused: [], allowed: ["@onset/collector"] },
  { layer: "an analyzer test (tests may read files)", file: "packages/analysis/src/layering-probe.test.ts", refused: [], allowed: ["node:fs"] },
];

for (const { layer, file, refused, allowed } of LAYERS) {
  test(`lint in ${layer}: refuses ${refused.join(", ") || "nothing"}; allows ${allowed.join(", ") || "nothing more"}`, async () => {
    for (const specifier of refused) {
      const found = await refusals(file, specifier);
      assert.equal(found.length, 1, `${file} importing ${specifier}: expected one refusal, got ${JSON.stringify(found)}`);
      assert.match(found[0], /docs\/architecture\.md/);
    }
    for (const specifier of allowed) assert.deepEqual(await refusals(file, specifier), [], `${file} importing ${specifier}`);
  });
}
