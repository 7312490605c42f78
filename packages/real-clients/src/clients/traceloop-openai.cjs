// @traceloop/instrumentation-openai (what @traceloop/node-server-sdk installs for OpenAI).
const { OpenAIInstrumentation } = require("@traceloop/instrumentation-openai");
const { startTelemetry, inRootSpan, getWeather, report } = require("./telemetry.cjs");
const instrumentation = new OpenAIInstrumentation({ traceContent: true });
const telemetry = startTelemetry("traceloop-openai-agent", [instrumentation]);
const OpenAIModule = require("openai");
// It patches the class (OpenAI.Chat.Completions), not the module.
instrumentation.manuallyInstrument(OpenAIModule.OpenAI);
const { runAgent, failingCall } = require("./openai-agent.cjs");

(async () => {
  const stream = process.env.AGENT_STREAM === "1";
  const openai = new OpenAIModule.OpenAI({ baseURL: process.env.FAKE_OPENAI_URL, apiKey: "sk-fake", maxRetries: 0 });
  const ok = await inRootSpan(telemetry.tracer, "weather-agent", () => runAgent(openai, { stream, runTool: async (_n, args) => getWeather(args) }));
  const failed = await inRootSpan(telemetry.tracer, "failing-call", () => failingCall(openai, { stream }));
  await report(telemetry, { ok, failed });
})();
