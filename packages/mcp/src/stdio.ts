/** Serving the Onset MCP server over stdio (what `onset mcp` runs). */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { OnsetClient } from "./onset-client";
import { createOnsetMcpServer } from "./server";

/**
 * Serves the tools on this process's stdin/stdout (stdout carries only the protocol)
 * and resolves when the client closes stdin, or on SIGINT/SIGTERM. `onReady` runs once
 * the transport is listening.
 */
export async function serveOnsetMcpStdio(client: OnsetClient, onReady: () => void = () => {}): Promise<void> {
  const server = createOnsetMcpServer(client);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  await server.connect(new StdioServerTransport());
  onReady();
  const stop = () => void server.close();
  process.stdin.once("end", stop);
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    await closed;
  } finally {
    process.stdin.off("end", stop);
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}
