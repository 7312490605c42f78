/**
 * Asks Prisma itself what SQL schema.prisma means: `prisma migrate diff --from-empty
 * --to-schema-datamodel --script`, run with Prisma 6.19's JS engine (installed as the
 * `prisma6` alias), the one Prisma CLI path that works offline (docs/spec/design.md §6). Prisma 7's
 * migrate commands need a schema-engine binary that cannot be downloaded here.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The SQL Prisma would write for `schemaPath`; `databaseUrl` is any reachable Postgres. */
export async function prismaExpectedSql(schemaPath: string, databaseUrl: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const cli = require.resolve("prisma6/build/index.js");
  const dir = await mkdtemp(path.join(tmpdir(), "onset-prisma6-"));
  try {
    // Prisma 7 schemas keep the url in prisma.config.ts and may use generator options
    // 6.19 does not know: keep only the models, and give 6.19 the url it expects.
    const schema = (await readFile(schemaPath, "utf8"))
      .replace(/generator\s+\w+\s*\{[^}]*\}/g, "")
      .replace(/provider\s*=\s*"postgresql"/, 'provider = "postgresql"\n  url = env("DATABASE_URL")');
    await writeFile(path.join(dir, "schema.prisma"), schema);
    await writeFile(
      path.join(dir, "prisma.config.mjs"),
      `import { defineConfig } from ${JSON.stringify(require.resolve("prisma6/config"))};
import { PrismaPg } from ${JSON.stringify(require.resolve("@prisma/adapter-pg"))};
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  async adapter() { return new PrismaPg({ connectionString: process.env.DATABASE_URL }); },
});
`,
    );
    const { stdout } = await run(
      process.execPath,
      [cli, "migrate", "diff", "--from-empty", "--to-schema-datamodel", "schema.prisma", "--script", "--config", "prisma.config.mjs"],
      {
        cwd: dir,
        maxBuffer: 16 * 1024 * 1024,
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          CHECKPOINT_DISABLE: "1",
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
          // The CLI only checks that engine files exist before it would download them;
          // with engine "js" it never loads them. Any existing file stops the download.
          PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
          PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
        },
      },
    );
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
