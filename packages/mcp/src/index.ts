/** @onset/mcp: an MCP server over a running Onset's JSON API (docs/mcp.md). */
export { createOnsetMcpServer, SERVER_INFO } from "./server";
export { serveOnsetMcpStdio } from "./stdio";
export { OnsetClient, OnsetApiError, type OnsetClientOptions, type RunListFilters } from "./onset-client";
export type { PairDiffResponse, RunAnalysisResponse, RunPage, RunSpanPage, RunSummary, SpanRecord, DiffSpanInfo } from "./api-types";
