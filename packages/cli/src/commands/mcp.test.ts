/**
 * `onset mcp` as an assistant runs it: the real `onset` process spawned by the SDK's
 * StdioClientTransport, reading a fake Onset JSON API on 127.0.0.1 (packages/mcp's
 * test-support, whose analysis and diff come from the real analyzer); and its usage
 * errors (exit 2, one line) when the key or the URL is missing or wrong.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAILED_RUN, FAKE_KEY, GOOD_RUN, startFakeOnset, type FakeOnset } from "../../../mcp/src/test-support/fake-onset";
import { cleanEnv, killChildren, ONSET_BIN, runChild } from "../../test-support/cli-harness";
import { mcpClientFromEnv } from "./mcp";

let fake: FakeOnset;

beforeAll(async () => {
  fake = await startFakeOnset();
});

afterAll(async () => {
  await killChildren();
  await fake?.close();
});

const textOf = (r: CallToolResult) => (r.content[0]?.type === "text" ? r.content[0].text : "");

describe("onset mcp", () => {
  it("serves the tools over stdio to the SDK's client: a failed run's diagnosis and a diff", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [ONSET_BIN, "mcp"],
      env: cleanEnv({ ONSET_API_KEY: FAKE_KEY, ONSET_URL: fake.url }) as Record<string, string>,
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    const client = new Client({ name: "cli-test", version: "1.0.0" });
    try {
      await client.connect(transport);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(["compare_runs", "get_diagnosis", "get_run", "get_span", "list_runs"]);

      const diagnosis = JSON.parse(textOf((await client.callTool({ name: "get_diagnosis", arguments: { traceId: FAILED_RUN } })) as CallToolResult));
      const expected = fake.canned.runs.get(FAILED_RUN)!.analysis;
      expect(diagnosis.outcome.status).toBe("failed");
      expect(diagnosis.onset).toMatchObject({ spanId: expected.onset!.spanId, stepIndex: expected.onset!.stepIndex });
      expect(diagnosis.chain).toHaveLength(expected.chain.length);

      const diff = JSON.parse(textOf((await client.callTool({ name: "compare_runs", arguments: { a: GOOD_RUN, b: FAILED_RUN } })) as CallToolResult));
      expect(diff.firstDivergence).toMatchObject({ index: fake.canned.diff.firstDivergence!.index, type: fake.canned.diff.firstDivergence!.type });
      expect(diff.classification).toBe(fake.canned.diff.classification);
      expect(fake.requests.every((r) => r.auth === `Bearer ${FAKE_KEY}`)).toBe(true);
      expect(stderr).toContain(`onset mcp: serving on stdio, reading ${fake.url}`);
    } finally {
      await client.close();
    }
  });

  it("exits 2 with one line when ONSET_API_KEY is missing", async () => {
    const run = await runChild(["mcp"], {}, 60_000);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("onset: ONSET_API_KEY is not set: set it to a project API key with the read scope (Settings → API keys)\n");
  });

  it("exits 2 for an ONSET_URL that is not an http(s) URL", async () => {
    const run = await runChild(["mcp"], { ONSET_API_KEY: FAKE_KEY, ONSET_URL: "localhost:3000" }, 60_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^onset: ONSET_URL: Onset URL must be http or https, not localhost:\n$/);
  });

  it("reads http://localhost:3000 when ONSET_URL is not set", () => {
    expect(mcpClientFromEnv({ ONSET_API_KEY: "k" }).url).toBe("http://localhost:3000");
    expect(mcpClientFromEnv({ ONSET_API_KEY: "k", ONSET_URL: fake.url }).url).toBe(fake.url);
  });
});
