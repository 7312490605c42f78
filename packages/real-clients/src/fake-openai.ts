/**
 * A local OpenAI-compatible chat completions server the real clients call (no network,
 * no key). It plays a two-step tool-calling agent, deterministically:
 * - a request whose messages hold no tool result gets a `get_weather({"city":"Paris"})`
 *   tool call (usage 100 in / 20 out);
 * - a request with a tool result gets the final answer (usage 120 in / 12 out);
 * - model `broken-model` gets HTTP 400 with OpenAI's error body.
 * `stream: true` is answered as OpenAI does (SSE chunks, tool-call deltas, a usage chunk
 * when stream_options.include_usage is set, then [DONE]). Responses name the dated model.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** The model every response names, as OpenAI answers for "gpt-4o-mini". */
export const RESPONSE_MODEL = "gpt-4o-mini-2024-07-18";
/** The tool call of step 1. */
export const TOOL_CALL = { id: "call_weather_1", name: "get_weather", arguments: '{"city":"Paris"}' };
/** The final answer of step 2. */
export const FINAL_ANSWER = "It is 18°C and sunny in Paris.";
/** Usage of step 1 and step 2. */
export const USAGE = [
  { prompt_tokens: 100, completion_tokens: 20 },
  { prompt_tokens: 120, completion_tokens: 12 },
] as const;

interface ChatRequest {
  model?: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  messages?: { role: string }[];
}

/** A running fake; `url` is the base URL clients take (…/v1). */
export interface FakeOpenAi {
  url: string;
  /** Requests received so far (model, stream). */
  requests: ChatRequest[];
  close: () => Promise<void>;
}

function completion(req: ChatRequest) {
  const step = req.messages?.some((m) => m.role === "tool") ? 1 : 0;
  const u = USAGE[step]!;
  const usage = { ...u, total_tokens: u.prompt_tokens + u.completion_tokens };
  const message =
    step === 0
      ? { role: "assistant", content: null, tool_calls: [{ id: TOOL_CALL.id, type: "function", function: { name: TOOL_CALL.name, arguments: TOOL_CALL.arguments } }] }
      : { role: "assistant", content: FINAL_ANSWER };
  return { step, usage, message, finish: step === 0 ? "tool_calls" : "stop" };
}

/** Starts the fake on 127.0.0.1 (port 0: a free one). */
export async function startFakeOpenAi(port = 0): Promise<FakeOpenAi> {
  const requests: ChatRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}`, type: "invalid_request_error" } }));
        return;
      }
      const chat = JSON.parse(body) as ChatRequest;
      requests.push(chat);
      if (chat.model === "broken-model") {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "The model `broken-model` does not exist", type: "invalid_request_error", param: "model", code: "model_not_found" } }));
        return;
      }
      const { usage, message, finish, step } = completion(chat);
      const id = `chatcmpl-fake-${requests.length}`;
      const created = 1_764_800_000;
      if (!chat.stream) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id, object: "chat.completion", created, model: RESPONSE_MODEL, choices: [{ index: 0, message, finish_reason: finish, logprobs: null }], usage }));
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
      const chunk = (delta: object, finishReason: string | null, extra: object = {}) =>
        res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: RESPONSE_MODEL, choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }], ...extra })}\n\n`);
      chunk({ role: "assistant", content: step === 0 ? null : "" }, null);
      if (step === 0) {
        chunk({ tool_calls: [{ index: 0, id: TOOL_CALL.id, type: "function", function: { name: TOOL_CALL.name, arguments: "" } }] }, null);
        chunk({ tool_calls: [{ index: 0, function: { arguments: TOOL_CALL.arguments.slice(0, 8) } }] }, null);
        chunk({ tool_calls: [{ index: 0, function: { arguments: TOOL_CALL.arguments.slice(8) } }] }, null);
      } else {
        for (const part of FINAL_ANSWER.match(/.{1,10}/gu) ?? []) chunk({ content: part }, null);
      }
      chunk({}, finish);
      if (chat.stream_options?.include_usage) {
        res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: RESPONSE_MODEL, choices: [], usage })}\n\n`);
      }
      res.end("data: [DONE]\n\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
