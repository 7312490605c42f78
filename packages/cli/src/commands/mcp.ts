/**
 * `onset mcp`: serves Onset's MCP tools (@onset/mcp) over stdio to an assistant that
 * spawns it, reading a running Onset's JSON API at ONSET_URL (default
 * http://localhost:3000) with the project key in ONSET_API_KEY. Stdout carries only
 * the protocol; the one line saying where it reads goes to stderr. A missing key or a
 * malformed URL is a usage error (exit 2); it exits 0 when the client closes stdin.
 */
import { OnsetClient, serveOnsetMcpStdio } from "@onset/mcp";
import { EXIT, UsageError } from "../cli-error";
import type { CliOutput } from "../program";

/** Where Onset's JSON API is when ONSET_URL is not set. */
export const DEFAULT_ONSET_URL = "http://localhost:3000";

/** The client `onset mcp` reads with, from the environment; throws UsageError (2). */
export function mcpClientFromEnv(env: NodeJS.ProcessEnv): { client: OnsetClient; url: string } {
  const apiKey = env.ONSET_API_KEY?.trim();
  if (!apiKey) throw new UsageError("ONSET_API_KEY is not set: set it to a project API key with the read scope (Settings → API keys)");
  const url = env.ONSET_URL?.trim() || DEFAULT_ONSET_URL;
  try {
    return { client: new OnsetClient({ baseUrl: url, apiKey }), url };
  } catch (err) {
    throw new UsageError(`ONSET_URL: ${(err as Error).message}`);
  }
}

/** Serves MCP on stdin/stdout until the client closes stdin (or SIGINT/SIGTERM); resolves with 0. */
export async function mcpCommand(out: CliOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { client, url } = mcpClientFromEnv(env);
  await serveOnsetMcpStdio(client, () => out.stderr(`onset mcp: serving on stdio, reading ${url}\n`));
  return EXIT.ok;
}
