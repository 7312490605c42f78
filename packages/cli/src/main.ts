/** `onset` entry point: runs the command line and exits with its code (program.ts). */
import { runCli } from "./program";

process.exitCode = await runCli(process.argv);
