// @arizeai/openinference-instrumentation-openai, with the tool traced by OpenInference's
// own traceTool helper (@arizeai/openinference-core).
const { OpenAIInstrumentation } = require("@arizeai/openinference-instrumentation-openai");
const { startTelemetry, inRootSpan, getWeather, report } = require("./telemetry.cjs");
const instrumentation = new OpenAIInstrumentation();
const telemetry = startTelemetry("openinference-openai-agent", [instrumentation]);
const OpenAIModule = require("openai");
instrumentation.manuallyInstrument(OpenAIModule);
const { traceTool } = require("@arizeai/openinference-core");
const { runAgent, failingCall } = require("./openai-agent.cjs");

(async () => {
  const stream = process.env.AGENT_STREAM === "1";
  const openai = new OpenAIModule.OpenAI({ baseURL: process.env.FAKE_OPENAI_URL, apiKey: "sk-fake", maxRetries: 0 });
  const tracedWeather = traceTool(async (args) => getWeather(args), { name: "get_weather" });
  const ok = await inRootSpan(telemetry.tracer, "weather-agent", () => runAgent(openai, { stream, runTool: async (_n, args) => tracedWeather(args) }));
  const failed = await inRootSpan(telemetry.tracer, "failing-call", () => failingCall(openai, { stream }));
  await report(telemetry, { ok, failed });
})();
