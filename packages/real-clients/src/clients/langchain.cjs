// LangChain JS (@langchain/openai ChatOpenAI with a bound tool) traced by
// @arizeai/openinference-instrumentation-langchain.
require("./offline-tiktoken.cjs");
const { LangChainInstrumentation } = require("@arizeai/openinference-instrumentation-langchain");
const { startTelemetry, inRootSpan, getWeather, report } = require("./telemetry.cjs");
const instrumentation = new LangChainInstrumentation();
const telemetry = startTelemetry("langchain-agent", [instrumentation]);
instrumentation.manuallyInstrument(require("@langchain/core/callbacks/manager"));
const { ChatOpenAI } = require("@langchain/openai");
const { tool } = require("@langchain/core/tools");
const { HumanMessage, SystemMessage } = require("@langchain/core/messages");

(async () => {
  const stream = process.env.AGENT_STREAM === "1";
  const weather = tool(async (args) => getWeather(args), {
    name: "get_weather",
    description: "Current weather for a city",
    schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  });
  const chatModel = (model) =>
    new ChatOpenAI({ model, apiKey: "sk-fake", configuration: { baseURL: process.env.FAKE_OPENAI_URL }, streaming: stream, streamUsage: true, maxRetries: 0 });
  const run = async (model) => {
    const llm = chatModel(model).bindTools([weather]);
    const messages = [new SystemMessage("You are a weather assistant. Use tools."), new HumanMessage("What is the weather in Paris?")];
    const first = await llm.invoke(messages);
    messages.push(first);
    for (const call of first.tool_calls || []) messages.push(await weather.invoke(call));
    const second = await llm.invoke(messages);
    return second.content;
  };
  const ok = await inRootSpan(telemetry.tracer, "weather-agent", () => run("gpt-4o-mini"));
  const failed = await inRootSpan(telemetry.tracer, "failing-call", () => run("broken-model"));
  await report(telemetry, { ok, failed });
})();
