// The Vercel AI SDK (ai@6 + @ai-sdk/openai chat completions) with its own telemetry.
const { startTelemetry, inRootSpan, getWeather, report } = require("./telemetry.cjs");
const telemetry = startTelemetry("vercel-ai-agent", []);
const { generateText, streamText, tool, jsonSchema, stepCountIs } = require("ai");
const { createOpenAI } = require("@ai-sdk/openai");

(async () => {
  const stream = process.env.AGENT_STREAM === "1";
  const provider = createOpenAI({ baseURL: process.env.FAKE_OPENAI_URL, apiKey: "sk-fake" });
  const tools = {
    get_weather: tool({
      description: "Current weather for a city",
      inputSchema: jsonSchema({ type: "object", properties: { city: { type: "string" } }, required: ["city"] }),
      execute: async (args) => getWeather(args),
    }),
  };
  const telemetryOn = { isEnabled: true, functionId: "weather-agent" };
  const run = async (model) => {
    const options = {
      model: provider.chat(model),
      system: "You are a weather assistant. Use tools.",
      prompt: "What is the weather in Paris?",
      tools,
      stopWhen: stepCountIs(3),
      maxRetries: 0,
      experimental_telemetry: telemetryOn,
    };
    if (!stream) return (await generateText(options)).text;
    let streamError = null;
    const result = streamText({ ...options, onError: ({ error }) => (streamError = error) });
    const text = await result.text.catch((e) => Promise.reject(streamError ?? e));
    if (streamError) throw streamError;
    return text;
  };
  const ok = await inRootSpan(telemetry.tracer, "weather-agent", () => run("gpt-4o-mini"));
  const failed = await inRootSpan(telemetry.tracer, "failing-call", () => run("broken-model"));
  await report(telemetry, { ok, failed });
})();
