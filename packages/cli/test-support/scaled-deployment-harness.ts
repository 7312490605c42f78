/**
 * Pieces of the multi-process test (src/scaled-deployment.test.ts): free loopback ports,
 * `onset start --role <role>` as real child processes (each in its own process group,
 * SIGKILLed in afterAll whatever happened), and OTLP/HTTP JSON export requests built by
 * hand so the test knows exactly which spans each acknowledged answer covered.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { ONSET_BIN, cleanEnv } from "./cli-harness";

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A running `onset start --role <role>`. */
export interface RoleProcess {
  role: string;
  child: ChildProcess;
  output: () => string;
  /** SIGKILL to its process group (its `next start` child included). */
  kill: () => Promise<void>;
}

const started = new Set<RoleProcess>();

/** Starts one role and resolves once it prints that it is running. */
export async function startRole(role: string, env: Record<string, string>, timeoutMs = 120_000): Promise<RoleProcess> {
  const child = spawn(process.execPath, [ONSET_BIN, "start", "--role", role], {
    detached: true,
    env: cleanEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const proc: RoleProcess = {
    role,
    child,
    output: () => out,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
      await exited;
    },
  };
  started.add(proc);
  const deadline = Date.now() + timeoutMs;
  while (!out.includes("Press Ctrl-C to stop.")) {
    if (child.exitCode !== null) throw new Error(`onset start --role ${role} exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`onset start --role ${role} not ready in ${timeoutMs / 1000} s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return proc;
}

/** SIGKILLs every role process still running (afterAll). */
export async function killAllRoles(): Promise<void> {
  await Promise.all([...started].map((p) => p.kill()));
}

/** One span of a test run, as the test sends it. */
export interface TestSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startMs: number;
  endMs: number;
  attributes: Record<string, string | number>;
}

function attr(key: string, v: string | number) {
  const value = typeof v === "string" ? { stringValue: v } : Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  return { key, value };
}

/** An OTLP/HTTP JSON export request body carrying `spans`. */
export function otlpJson(spans: readonly TestSpan[]): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [attr("service.name", "scaled-test-agent")] },
        scopeSpans: [
          {
            scope: { name: "scaled-test" },
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
              name: s.name,
              kind: 1,
              startTimeUnixNano: `${BigInt(s.startMs) * 1_000_000n}`,
              endTimeUnixNano: `${BigInt(s.endMs) * 1_000_000n}`,
              attributes: Object.entries(s.attributes).map(([k, v]) => attr(k, v)),
              status: { code: 1 },
            })),
          },
        ],
      },
    ],
  });
}

/**
 * Exports `spans` to the collector at index `prefer`, failing over to the others (as a
 * load balancer would) when it refuses the connection or answers 5xx; resolves with the
 * port that acknowledged them (HTTP 200, nothing rejected).
 */
export async function exportSpans(ports: number[], prefer: number, apiKey: string, spans: readonly TestSpan[]): Promise<number> {
  const body = otlpJson(spans);
  let lastError = "";
  for (let attempt = 0; attempt < ports.length * 3; attempt++) {
    const port = ports[(prefer + attempt) % ports.length]!;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v1/traces`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      if (res.status === 200) {
        const answer = JSON.parse(text || "{}") as { partialSuccess?: { rejectedSpans?: string | number } };
        if (Number(answer.partialSuccess?.rejectedSpans ?? 0) > 0) throw new Error(`spans rejected: ${text}`);
        return port;
      }
      lastError = `HTTP ${res.status}: ${text}`;
      if (res.status < 500 && res.status !== 429) throw new Error(lastError);
    } catch (err) {
      if ((err as Error).message.startsWith("spans rejected") || (err as Error).message.startsWith("HTTP 4")) throw err;
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no collector acknowledged the export: ${lastError}`);
}
