/**
 * The standalone collector (src/main.ts) as a child process, as a server runs it:
 * DATABASE_URL plus ONSET_OTLP_HTTP_PORT / ONSET_OTLP_GRPC_PORT. Used by the
 * durability test (SIGKILL mid-load) and the ingest benchmark (its own process, so the
 * load generator does not share its event loop).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { COLLECTOR_NODE_FLAGS } from "../src/node-flags";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));

/** A running collector process. */
export interface CollectorProcess {
  child: ChildProcess;
  pid: number;
  httpPort: number;
  grpcPort: number;
  tracesUrl: string;
  /** The last lines it printed (for failure messages). */
  output: () => string;
  /** Resident set size now, bytes (from /proc). */
  rssBytes: () => number;
  /** Peak resident set size so far, bytes (VmHWM). */
  peakRssBytes: () => number;
  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  kill: () => Promise<void>;
  /** SIGTERM: the collector commits what it took, then exits. */
  stop: () => Promise<void>;
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `node <COLLECTOR_NODE_FLAGS> --import tsx src/main.ts` and resolves once GET /health answers 200. */
export async function startCollectorProcess(opts: {
  databaseUrl: string;
  httpPort?: number;
  grpcPort?: number;
  env?: Record<string, string>;
  /** The Node/V8 flags every deployment passes (src/node-flags.ts), unless given here. */
  collectorFlags?: readonly string[];
  /** Extra node flags (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Called with each whole line the collector prints on stdout (its pino log). */
  onLine?: (line: string) => void;
}): Promise<CollectorProcess> {
  const httpPort = opts.httpPort ?? (await freePort());
  const grpcPort = opts.grpcPort ?? (await freePort());
  const child = spawn(process.execPath, [...(opts.collectorFlags ?? COLLECTOR_NODE_FLAGS), ...(opts.nodeArgs ?? []), "--import", "tsx", MAIN], {
    env: {
      // The caller's ONSET_* settings (ports, limits) never leak into the collector under test.
      ...withoutOnsetVariables(process.env),
      DATABASE_URL: opts.databaseUrl,
      ONSET_OTLP_HTTP_PORT: String(httpPort),
      ONSET_OTLP_GRPC_PORT: String(grpcPort),
      ONSET_HOST: "127.0.0.1",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let tail = "";
  const keep = (b: Buffer) => {
    tail = (tail + b.toString("utf8")).slice(-8000);
  };
  child.stdout!.on("data", keep);
  let partial = "";
  if (opts.onLine) {
    child.stdout!.on("data", (b: Buffer) => {
      const lines = (partial + b.toString("utf8")).split("\n");
      partial = lines.pop()!;
      for (const line of lines) opts.onLine!(line);
    });
  }
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid!;
  const status = (field: string) => {
    try {
      const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      return m ? Number(m[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  };
  const proc: CollectorProcess = {
    child,
    pid,
    httpPort,
    grpcPort,
    tracesUrl: `http://127.0.0.1:${httpPort}/v1/traces`,
    output: () => tail,
    rssBytes: () => status("VmRSS"),
    peakRssBytes: () => status("VmHWM"),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`collector exited with ${child.exitCode ?? child.signalCode}:\n${tail}`);
      }
      const ok = await fetch(`http://127.0.0.1:${httpPort}/health`).then((r) => r.ok, () => false);
      if (ok) return proc;
      if (Date.now() > deadline) throw new Error(`collector did not become healthy:\n${tail}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (err) {
    await proc.kill(); // never leave a half-started collector behind
    throw err;
  }
}

/** `env` without ONSET_* and DATABASE_URL: the test sets those it means. */
function withoutOnsetVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith("ONSET_") && k !== "DATABASE_URL"));
}
