/**
 * A real webhook receiver for tests: node:http on 127.0.0.1, port 0. Records every
 * request (raw body, headers, parsed JSON) and answers with scripted status codes
 * (then 200 once the script runs out).
 */
import http from "node:http";

/** One request the receiver got. */
export interface ReceivedHook {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  json: Record<string, unknown>;
  /** The status the receiver answered with. */
  answered: number;
  at: number;
}

/** A running receiver. */
export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedHook[];
  /** Status codes for the next requests, in order. */
  script: number[];
  /** Resolves once `n` requests arrived (or rejects after `timeoutMs`). */
  waitFor: (n: number, timeoutMs?: number) => Promise<ReceivedHook[]>;
  close: () => Promise<void>;
}

/** Starts a receiver. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const script: number[] = [];
  const waiters: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const answered = script.shift() ?? 200;
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // Recorded as received; the test decides whether that is wrong.
      }
      received.push({ path: req.url ?? "/", headers: req.headers, raw, json, answered, at: Date.now() });
      res.writeHead(answered, { "content-type": "text/plain" });
      res.end(answered >= 400 ? `receiver says ${answered}` : "ok");
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    script,
    waitFor: async (n, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`receiver got ${received.length} of ${n} requests within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 50);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return received.slice(0, n);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
