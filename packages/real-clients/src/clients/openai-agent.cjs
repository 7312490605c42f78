// A two-step tool-calling agent on the official `openai` SDK (chat completions), streamed
// or not, plus a call that fails with HTTP 400. `runTool` executes the tool the way the
// client under test traces tools (or not at all).
const TOOLS = [
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "Current weather for a city",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  },
];

async function chat(openai, messages, stream) {
  const params = { model: "gpt-4o-mini", messages, tools: TOOLS };
  if (!stream) return (await openai.chat.completions.create(params)).choices[0].message;
  const s = await openai.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } });
  const message = { role: "assistant", content: "", tool_calls: [] };
  for await (const chunk of s) {
    const delta = chunk.choices[0] && chunk.choices[0].delta;
    if (!delta) continue;
    if (delta.content) message.content += delta.content;
    for (const tc of delta.tool_calls || []) {
      const call = (message.tool_calls[tc.index] ??= { id: "", type: "function", function: { name: "", arguments: "" } });
      if (tc.id) call.id = tc.id;
      if (tc.function && tc.function.name) call.function.name += tc.function.name;
      if (tc.function && tc.function.arguments) call.function.arguments += tc.function.arguments;
    }
  }
  if (message.tool_calls.length === 0) delete message.tool_calls;
  return message;
}

/** Step 1 asks for get_weather, the tool runs, step 2 answers. */
async function runAgent(openai, { stream, runTool }) {
  const messages = [
    { role: "system", content: "You are a weather assistant. Use tools." },
    { role: "user", content: "What is the weather in Paris?" },
  ];
  const first = await chat(openai, messages, stream);
  messages.push(first);
  for (const call of first.tool_calls || []) {
    const result = await runTool(call.function.name, JSON.parse(call.function.arguments));
    messages.push({ role: "tool", tool_call_id: call.id, content: result });
  }
  const second = await chat(openai, messages, stream);
  return second.content;
}

/** A call the server refuses with 400. */
async function failingCall(openai, { stream }) {
  await openai.chat.completions.create({ model: "broken-model", messages: [{ role: "user", content: "hi" }], ...(stream ? { stream: true } : {}) });
}

module.exports = { runAgent, failingCall };
