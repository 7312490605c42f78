/**
 * A local fake OpenAI-compatible `/chat/completions` endpoint, for tests of code that
 * calls a model (Onset's LLM judge): it records each request (body and authorization
 * header) and answers with whatever the test's `respond` says — a reply's content and
 * usage, a raw status and body, or silence (to exercise timeouts). Listens on 127.0.0.1.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the endpoint received. */
export interface FakeChatRequest {
  path: string;
  authorization: string | null;
  body: { model?: string; messages?: { role: string; content: string }[] } & Record<string, unknown>;
}

/** What to answer: a chat completion, a raw HTTP answer, or nothing at all (the request hangs until close). */
export type FakeChatAnswer =
  | { content: string; usage?: Record<string, number> }
  | { status: number; body: string }
  | { hang: true };

/** A running fake endpoint. */
export interface FakeChatEndpoint {
  /** Base URL to configure, ending in /v1. */
  baseUrl: string;
  /** Every request so far, oldest first. */
  requests: FakeChatRequest[];
  /** Replaces the answer for the next requests. */
  respond(answer: FakeChatAnswer | ((req: FakeChatRequest) => FakeChatAnswer)): void;
  close(): Promise<void>;
}

/** Starts a fake endpoint answering `answer` until told otherwise. */
export async function startFakeChatEndpoint(answer: FakeChatAnswer | ((req: FakeChatRequest) => FakeChatAnswer) = { content: "{}" }): Promise<FakeChatEndpoint> {
  let current = answer;
  const requests: FakeChatRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let body: FakeChatRequest["body"] = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as FakeChatRequest["body"];
      } catch {
        // recorded as an empty body
      }
      const request: FakeChatRequest = { path: req.url ?? "", authorization: req.headers.authorization ?? null, body };
      requests.push(request);
      if (req.url !== "/v1/chat/completions") {
        res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
        return;
      }
      const a = typeof current === "function" ? current(request) : current;
      if ("hang" in a) return;
      if ("status" in a) {
        res.writeHead(a.status, { "content-type": "application/json" }).end(a.body);
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: "chat.completion",
          model: body.model ?? "fake",
          choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: a.content } }],
          usage: a.usage ?? { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    respond(next) {
      current = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
