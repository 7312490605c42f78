/**
 * Values that decode fine but that Postgres would refuse, each sent in the same group
 * commit as an innocent agent run (test/group-commit.ts): the odd span is stored
 * (made storable) and the innocent run is stored in full. Before the fixes in
 * packages/db/src/ingest, all but the NUL case failed the whole shared transaction:
 * every request in it got a 503, and the client's retries poisoned the next batch too
 * (found by fuzz.test.ts). The NUL case was handled already and stays as a guard.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Attributes } from "@opentelemetry/api";
import { getRun, type SpanRecord } from "@onset/db";
import { makeSpan } from "@onset/db/test-support";
import { inOneGroupCommit } from "../test-support/group-commit";
import { captureAgentRun, captureSpan, jsonBody, protobufBody } from "../test-support/otlp-bodies";
import { partialSuccessOf } from "../test-support/otlp-responses";
import { sendRaw } from "../test-support/raw-http";
import { expectStoredRun } from "../test-support/stored-run";
import { useTestCollector } from "../test-support/test-collector";

const longText = randomBytes(5000).toString("hex"); // 10,000 incompressible characters

interface HostileCase {
  why: string;
  encoding: "protobuf" | "json";
  name?: string;
  attributes: Attributes;
  check: (span: SpanRecord, runName: string | null) => void;
}

const llm = { "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o", "gen_ai.provider.name": "openai" };

const CASES: HostileCase[] = [
  {
    why: "token counts past int32 from a buggy SDK (the columns are INTEGER)",
    encoding: "protobuf",
    attributes: { ...llm, "gen_ai.usage.input_tokens": 2 ** 40, "gen_ai.usage.output_tokens": 5 },
    check: (s) => {
      expect(s.inputTokens).toBeNull(); // unknown, not a wrapped or clamped number
      expect(s.outputTokens).toBe(5);
      expect(s.costUsd).toBeNull(); // nothing priced on counts the run does not show
      expect(s.attributes["gen_ai.usage.input_tokens"]).toBe(2 ** 40); // the raw value is kept
    },
  },
  {
    why: "a lone UTF-16 surrogate in OTLP/JSON (valid JSON, refused by jsonb)",
    encoding: "json",
    attributes: { note: "half an emoji \ud83d", "gen_ai.tool.name": "t\udc00" },
    check: (s) => {
      expect(s.attributes.note).toBe("half an emoji \ufffd");
      expect(s.toolName).toBe("t\ufffd");
    },
  },
  {
    why: "the literal text \\u0000 in a tool result (source code quoting a NUL escape)",
    encoding: "protobuf",
    attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "cat", "gen_ai.tool.call.result": 'printf("\\u0000");' },
    check: (s) => {
      expect(s.tool?.result).toBe('printf("\\u0000");');
      expect(s.attributes["gen_ai.tool.call.result"]).toBe('printf("\\u0000");');
    },
  },
  {
    why: "a NUL character inside strings (binary tool output)",
    encoding: "json",
    attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "x\u0000y", "gen_ai.tool.call.result": "a\u0000b" },
    check: (s) => {
      expect(s.toolName).toBe("xy");
      expect(s.tool?.result).toBe("ab");
    },
  },
  {
    why: "10,000-character root name, model, session and user (past btree's 2704-byte index rows)",
    encoding: "protobuf",
    name: longText,
    attributes: { ...llm, "gen_ai.request.model": longText, "gen_ai.usage.input_tokens": 10, "session.id": longText, "user.id": longText },
    check: (s, runName) => {
      expect(s.name).toBe(longText); // the span keeps its name; indexed copies are shortened
      expect(longText.startsWith(s.model!)).toBe(true);
      expect(runName && longText.startsWith(runName)).toBe(true);
    },
  },
];

describe("values Postgres would refuse, in a shared group commit", () => {
  const t = useTestCollector();

  const post = (ctype: string, body: Buffer) =>
    sendRaw(t.tracesUrl, { headers: { "content-type": ctype, authorization: `Bearer ${t.projectA.key.secret}` }, body });
  const filler = () => post("application/x-protobuf", protobufBody(captureAgentRun({ sessionId: "filler", userId: "u" }).spans));

  it.each(CASES)("stores $why without failing its neighbours", async (c) => {
    const odd = captureSpan(c.name ?? "odd span", c.attributes);
    const who = { sessionId: "innocent", userId: "u", serviceName: "svc-innocent" };
    const innocent = captureAgentRun(who, who.serviceName);
    const [oddRes, innocentRes] = await inOneGroupCommit(
      t,
      filler,
      () =>
        Promise.all([
          c.encoding === "json" ? post("application/json", jsonBody([odd])) : post("application/x-protobuf", protobufBody([odd])),
          post("application/x-protobuf", protobufBody(innocent.spans)),
        ]),
      8,
    );
    expect(innocentRes.status).toBe(200);
    await expectStoredRun(t.collector.pool, t.projectA.id, innocent.run, who);
    expect(oddRes.status, oddRes.body.toString()).toBe(200);
    expect(partialSuccessOf(oddRes).rejectedSpans).toBe(0);
    const stored = await getRun(t.collector.pool, t.projectA.id, odd.spanContext().traceId);
    expect(stored?.spans).toHaveLength(1);
    c.check(stored!.spans[0]!, stored!.run.name);
  });

  it("fails only the write whose rows Postgres refuses, not the batch it shared", async () => {
    // A span no decoder would make (an importer bug): a 20,000-character trace id is
    // past the primary key's index row limit. The writer splits the batch it poisoned.
    const bad = makeSpan({ traceId: randomBytes(10_000).toString("hex"), spanId: "1".repeat(16), startTimeMs: Date.now() });
    const who = { sessionId: "neighbour", userId: "u", serviceName: "svc-neighbour" };
    const innocent = captureAgentRun(who, who.serviceName);
    const [badWrite, innocentRes] = await inOneGroupCommit(
      t,
      filler,
      () =>
        Promise.all([
          t.collector.ingest.write(t.projectA.id, [bad]).then(
            () => null,
            (err: Error) => err,
          ),
          post("application/x-protobuf", protobufBody(innocent.spans)),
        ]),
      8,
    );
    expect(badWrite?.name).toBe("UnstorableSpansError");
    expect(badWrite?.message).toMatch(/index row/);
    expect(innocentRes.status).toBe(200);
    await expectStoredRun(t.collector.pool, t.projectA.id, innocent.run, who);
  });
});
