// @opentelemetry/instrumentation-openai (the official one) with message content on,
// which it sends as GenAI log events, not span attributes.
process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = "true";
const { OpenAIInstrumentation } = require("@opentelemetry/instrumentation-openai");
const { startTelemetry, inRootSpan, getWeather, report } = require("./telemetry.cjs");
const telemetry = startTelemetry("otel-openai-agent", [new OpenAIInstrumentation()]);
const { OpenAI } = require("openai");
const { runAgent, failingCall } = require("./openai-agent.cjs");

(async () => {
  const stream = process.env.AGENT_STREAM === "1";
  const openai = new OpenAI({ baseURL: process.env.FAKE_OPENAI_URL, apiKey: "sk-fake", maxRetries: 0 });
  const ok = await inRootSpan(telemetry.tracer, "weather-agent", () => runAgent(openai, { stream, runTool: async (_n, args) => getWeather(args) }));
  const failed = await inRootSpan(telemetry.tracer, "failing-call", () => failingCall(openai, { stream }));
  await report(telemetry, { ok, failed });
})();
