/**
 * The `onset` command line: start, import, demo, with one error and exit-code contract
 * for all of them (README: exit 0 only when everything asked for succeeded, 1 when
 * something failed, 2 for a wrong command line; errors in one or two lines, the stack
 * only with --verbose).
 */
import { Command, CommanderError, Option } from "commander";
import { CliError, describeError, EXIT } from "./cli-error";
import { ROLES, type Role } from "./roles";

const EXIT_CODES_HELP = `
Exit codes:
  0  everything asked for succeeded
  1  something failed: some files were not imported, nothing was recognised, the
     database or the collector could not be reached (the summary or message says which)
  2  usage error: unknown command or option, missing argument, no such file, unknown
     --format or --scenario, no API key for demo or mcp

Errors are printed in one or two lines; --verbose adds the stack trace.`;

/** Where the CLI writes; tests pass their own. */
export interface CliOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processOutput: CliOutput = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

/** Builds the command tree; each action stores its exit code through `setCode`. */
function buildProgram(out: CliOutput, setCode: (code: number) => void): Command {
  const program = new Command()
    .name("onset")
    .description("Self-hosted observability and failure diagnosis for LLM agent runs")
    .option("--verbose", "print stack traces with errors")
    .configureOutput({ writeOut: out.stdout, writeErr: out.stderr })
    .showHelpAfterError("(onset --help lists the commands and options)")
    .addHelpText("after", EXIT_CODES_HELP)
    // Usage errors throw instead of exiting, so runCli maps them to exit code 2.
    .exitOverride();

  program
    .command("start")
    .description("start the database (embedded unless DATABASE_URL is set), migrate, and serve the collector and the UI")
    .option("--no-web", "serve only the OTLP collector")
    .addOption(
      new Option("--role <role>", "run one part against a shared DATABASE_URL (docs/scaling.md); all: the whole of Onset in one process")
        .choices(ROLES)
        .default("all"),
    )
    .action(async (opts: { web: boolean; role: Role }) => {
      // Each command loads its modules when run: `onset --help` or a usage error does
      // not pay for the collector, the web app launcher and the database driver.
      const { startCommand } = await import("./commands/start");
      await startCommand({ web: opts.web, role: opts.role });
    });

  program
    .command("import")
    .description("import run artifacts (SWE-agent, mini-SWE-agent, OpenHands, ATIF, Claude Code, chat histories); migrates the database first, so it works before the first start")
    .argument("<path>", "a file or a directory (walked recursively)")
    .option("--project <slug>", "project to import into (created if missing)", "default")
    .option("--format <name>", "auto, or a format name to force", "auto")
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async (target: string, opts: { project: string; format: string }, cmd: Command) => {
      const { importCommand } = await import("./commands/import");
      setCode(await importCommand(target, { ...opts, verbose: Boolean(cmd.optsWithGlobals().verbose) }, out));
    });

  program
    .command("demo")
    .description("send the example agents' runs to a running Onset through the real OTLP exporter")
    .option("--endpoint <url>", "OTLP endpoint (default OTEL_EXPORTER_OTLP_ENDPOINT or http://localhost:4318)")
    .option("--key <key>", "API key (default: OTEL_EXPORTER_OTLP_HEADERS, ONSET_INIT_API_KEY, or the key the first start stored in the data directory)")
    .option("--protocol <p>", "http/protobuf, http/json or grpc", "http/protobuf")
    .option("--scenario <name>", "all, or one scenario", "all")
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async (opts: { endpoint?: string; key?: string; protocol: string; scenario: string }) => {
      const { demoCommand } = await import("./commands/demo");
      setCode(await demoCommand(opts, out));
    });
  program
    .command("mcp")
    .description("serve Onset's MCP tools on stdio (for an assistant); reads ONSET_URL (default http://localhost:3000) with the key in ONSET_API_KEY")
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async () => setCode(await (await import("./commands/mcp")).mcpCommand(out)));
  return program;
}

/**
 * Runs `onset` with `argv` (node's process.argv) and resolves with the exit code. Never
 * throws: every error is printed here, per the contract above.
 */
export async function runCli(argv: string[], out: CliOutput = processOutput): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(out, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with exitCode 0; everything else commander refuses
      // (unknown option or command, missing argument) was already printed: a usage error.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    out.stderr(`onset: ${describeError(err)}\n`);
    const verbose = Boolean(program.opts().verbose) || argv.includes("--verbose");
    if (verbose && err instanceof Error && !(err instanceof CliError && err.exitCode === EXIT.usage)) out.stderr(`${err.stack ?? err.message}\n`);
    else if (!(err instanceof CliError)) out.stderr("(run again with --verbose for the stack trace)\n");
    return err instanceof CliError ? err.exitCode : EXIT.failed;
  }
}
