/**
 * An endless, seeded supply of realistic agent-run spans made by the real SDK, for the
 * benchmark and the durability test: runs of an agent span over steps of one LLM call
 * (OTel GenAI attributes: model, provider, usage, finish reason, response id) and one
 * tool call (name, call id, JSON arguments, a result excerpt), some tools failing.
 * About 700 bytes per span on the OTLP/protobuf wire, as docs/spec/design.md §6 sizes them.
 *
 *   run      |==================================================|  invoke_agent
 *   llm        |===|        |===|        |===|                     chat <model>
 *   tool            |====|       |====x|      |====|               execute_tool <name>
 */
import { SpanKind, SpanStatusCode, context, trace, type Span, type Tracer } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, type ReadableSpan, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { seededIdGenerator } from "./otlp-bodies";
import { seededRng, type Rng } from "./seeded-random";

const MODELS = ["gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5", "gpt-4.1"];
const TOOLS = ["read_file", "run_tests", "search_code", "edit_file", "list_dir"];
const WORDS = "the order service returns a stale cache entry when the warehouse id changes so we patch the lookup and rerun".split(" ");

/** Collects ended spans (no export): the generator hands them out in batches. */
class CollectingProcessor implements SpanProcessor {
  ended: ReadableSpan[] = [];
  onStart(): void {}
  onEnd(span: ReadableSpan): void {
    this.ended.push(span);
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function sentence(rng: Rng, words: number): string {
  let s = "";
  for (let i = 0; i < words; i++) s += (i ? " " : "") + rng.pick(WORDS);
  return s;
}

/** Spans of agent runs, `stepsPerRun * 2 + 1` spans per run, generated on demand. */
export class LlmRunSpans {
  private readonly rng: Rng;
  private readonly tracer: Tracer;
  private readonly collected = new CollectingProcessor();
  private clock: number;

  constructor(seed = 1, private readonly stepsPerRun = 10, serviceName = "bench-agent") {
    this.rng = seededRng(seed);
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": serviceName, "service.version": "1.4.2", "deployment.environment": "bench" }),
      spanProcessors: [this.collected],
      idGenerator: seededIdGenerator(seed),
      spanLimits: { attributeValueLengthLimit: 4096 },
    });
    this.tracer = provider.getTracer("@onset/bench-agent", "1.0.0");
    this.clock = Math.floor(Date.now() / 1000) * 1000 - 3600_000;
  }

  /** The next `count` ended spans (runs are split across batches, as exporters do). */
  next(count: number): ReadableSpan[] {
    while (this.collected.ended.length < count) this.emitRun();
    return this.collected.ended.splice(0, count);
  }

  private emitRun(): void {
    const rng = this.rng;
    const t0 = (this.clock += 1000);
    const root = this.tracer.startSpan("invoke_agent coder", {
      kind: SpanKind.INTERNAL,
      startTime: t0,
      attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "coder", "session.id": `sess-${rng.int(500)}`, "user.id": `user-${rng.int(50)}` },
    });
    const ctx = trace.setSpan(context.active(), root);
    let t = t0 + 5;
    for (let step = 0; step < this.stepsPerRun; step++) {
      const model = rng.pick(MODELS);
      const llm = this.tracer.startSpan(
        `chat ${model}`,
        {
          kind: SpanKind.CLIENT,
          startTime: t,
          attributes: {
            "gen_ai.operation.name": "chat",
            "gen_ai.provider.name": model.startsWith("claude") ? "anthropic" : "openai",
            "gen_ai.request.model": model,
            "gen_ai.response.model": model,
            "gen_ai.response.id": `chatcmpl-${rng.bytes(12).toString("hex")}`,
            "gen_ai.response.finish_reasons": ["tool_calls"],
            "gen_ai.request.temperature": 0.2,
            "gen_ai.request.max_tokens": 4096,
            "gen_ai.usage.input_tokens": 1000 + rng.int(20_000),
            "gen_ai.usage.output_tokens": 50 + rng.int(800),
            "gen_ai.usage.cache_read.input_tokens": rng.int(800),
            "gen_ai.conversation.id": `conv-${rng.int(1000)}`,
            "gen_ai.output.type": "text",
            "gen_ai.request.top_p": 0.95,
            "server.address": "api.example.com",
            "server.port": 443,
          },
        },
        ctx,
      );
      t += 200 + rng.int(2000);
      llm.end(t);
      const toolName = rng.pick(TOOLS);
      const tool: Span = this.tracer.startSpan(
        `execute_tool ${toolName}`,
        {
          kind: SpanKind.INTERNAL,
          startTime: t,
          attributes: {
            "gen_ai.operation.name": "execute_tool",
            "gen_ai.tool.name": toolName,
            "gen_ai.tool.call.id": `call_${rng.bytes(8).toString("hex")}`,
            "gen_ai.tool.type": "function",
            "gen_ai.tool.call.arguments": JSON.stringify({ path: `src/${rng.pick(WORDS)}/${rng.pick(WORDS)}.ts`, query: sentence(rng, 10) }),
            "gen_ai.tool.call.result": sentence(rng, 54),
          },
        },
        ctx,
      );
      t += 20 + rng.int(500);
      if (rng.next() < 0.05) {
        tool.setStatus({ code: SpanStatusCode.ERROR, message: "command exited with 1" });
        tool.setAttribute("process.exit.code", 1);
      }
      tool.end(t);
    }
    root.setStatus({ code: SpanStatusCode.OK });
    root.end(t + 5);
  }
}
