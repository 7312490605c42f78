/**
 * `onset import <file-or-dir>`: reads run artifacts (SWE-agent, mini-SWE-agent,
 * OpenHands, ATIF, Claude Code, chat histories) and stores them as runs, with a
 * progress bar and a per-format summary. A broken file is reported and skipped; the
 * batch goes on, and the exit code says whether everything was imported (0) or not (1).
 * Writes straight into the database (DATABASE_URL, or the embedded one — attaching to it
 * when `onset start` is running), migrating it first.
 */
import { stat } from "node:fs/promises";
import { createPool, createPrisma, ensureProject, SpanIngest } from "@onset/db";
import { ARTIFACT_EXTENSIONS, importPath, isFormatName, listFormats, type ImportSummary } from "@onset/importers";
import cliProgress from "cli-progress";
import { EXIT, UsageError } from "../cli-error";
import { openMigratedDatabase } from "../open-database";
import type { CliOutput } from "../program";

/** Options of the import command. */
export interface ImportCommandOptions {
  project: string;
  format: string;
  /** Print each failure's full message (e.g. every format tried), not just its first line. */
  verbose?: boolean;
}

const stdio: CliOutput = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

/**
 * Imports `target` and prints the summary; resolves with the exit code (0: every file
 * imported; 1: some failed or nothing was recognised). Throws UsageError for a wrong
 * command line and CliError when the database cannot be used.
 */
export async function importCommand(target: string, opts: ImportCommandOptions, out: CliOutput = stdio): Promise<number> {
  if (opts.format !== "auto" && !isFormatName(opts.format)) {
    throw new UsageError(`unknown format "${opts.format}"; use auto or one of: ${listFormats().map((f) => f.format).join(", ")}`);
  }
  await requireReadablePath(target);
  const db = await openMigratedDatabase((m) => out.stderr(`${m}\n`));
  const pool = createPool(db.url, 4);
  const prisma = createPrisma(db.url, 2);
  const ingest = new SpanIngest(pool);
  const bar = new cliProgress.SingleBar(
    { format: "importing [{bar}] {value}/{total} files | {file}", hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 },
    cliProgress.Presets.shades_classic,
  );
  try {
    const { project } = await ensureProject(prisma, opts.project, opts.project);
    await ingest.start();
    let started = false;
    const summary = await importPath(target, {
      format: opts.format === "auto" ? "auto" : (opts.format as never),
      keepResults: false,
      onResult: async (result) => {
        for (const run of result.runs) await ingest.write(project.id, run.spans);
      },
    }, (p) => {
      if (!started) {
        bar.start(p.filesTotal, 0, { file: "" });
        started = true;
      }
      bar.update(p.filesDone, { file: p.file.length > 60 ? `…${p.file.slice(-59)}` : p.file });
    });
    if (started) bar.stop();
    out.stdout(renderSummary(summary, opts.project, Boolean(opts.verbose)));
    const verdict = importVerdict(summary);
    if (verdict) out.stderr(`onset: ${verdict}\n`);
    return verdict ? EXIT.failed : EXIT.ok;
  } finally {
    await ingest.close();
    await pool.end();
    await prisma.$disconnect();
    await db.stop();
  }
}

/** Why the import did not fully succeed (exit 1), or null when every file was imported. */
export function importVerdict(s: ImportSummary): string | null {
  if (s.filesFailed > 0) {
    return `${s.filesFailed} of ${s.filesTotal} file(s) could not be imported (listed above)` +
      (s.filesImported > 0 ? `; the other ${s.filesImported} were` : "");
  }
  if (s.filesImported === 0) {
    return s.filesTotal === 0
      ? `nothing to import: no ${ARTIFACT_EXTENSIONS.join(", ")} files under ${s.path}`
      : `nothing imported: none of the ${s.filesTotal} file(s) under ${s.path} is a recognised run artifact`;
  }
  return null;
}

async function requireReadablePath(target: string): Promise<void> {
  try {
    await stat(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new UsageError(`no such file or directory: ${target}`);
    throw err;
  }
}

function renderSummary(s: ImportSummary, project: string, verbose: boolean): string {
  const out: string[] = [];
  out.push(`\n${s.filesImported} of ${s.filesTotal} file(s) imported into project "${project}": ${s.runs} run(s), ${s.steps} step(s), ${s.errors} failed step(s)`);
  for (const [format, t] of Object.entries(s.byFormat)) {
    out.push(`  ${format.padEnd(15)} ${t.files} file(s)  ${t.runs} run(s)  ${t.steps} step(s)  ${t.errors} error(s)`);
  }
  if (s.skipped.length) out.push(`${s.skipped.length} file(s) skipped (not a run artifact): ${s.skipped.slice(0, 5).map((x) => x.file).join(", ")}`);
  for (const f of s.failures) out.push(`  failed: ${f.file}: ${verbose ? f.message : firstLine(f.message)}`);
  return out.join("\n") + "\n";
}

/** A failure's first line; multi-line messages (the formats tried) are for --verbose. */
function firstLine(message: string): string {
  const [first = "", ...rest] = message.split("\n");
  return rest.length ? `${first.replace(/[:;,]\s*$/, "")} (--verbose for the details)` : first;
}
