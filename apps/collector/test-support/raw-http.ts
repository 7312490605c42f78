/**
 * A bare HTTP client for the cases real exporters never produce (wrong content types,
 * lying Content-Length, gzip bombs, garbage): full control over headers and bytes.
 */
import http from "node:http";

/** A response, body fully read. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Options of {@link sendRaw}. */
export interface RawRequest {
  method?: string;
  headers?: Record<string, string | number>;
  /** Bytes to send; omit for none. */
  body?: Buffer | string;
  /** Send only this many bytes of `body` and keep the request open (a client still uploading). */
  sendOnly?: number;
  agent?: http.Agent;
}

/** Sends one request to `url` and resolves with the answer (rejects on socket errors). */
export function sendRaw(url: string, req: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = typeof req.body === "string" ? Buffer.from(req.body) : req.body;
    const headers: Record<string, string | number> = { ...req.headers };
    if (body && !Object.keys(headers).some((h) => h.toLowerCase() === "content-length" || h.toLowerCase() === "transfer-encoding")) {
      headers["content-length"] = body.length;
    }
    const r = http.request(url, { method: req.method ?? "POST", headers, agent: req.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        if (req.sendOnly !== undefined) r.destroy();
      });
      res.on("error", reject);
    });
    r.on("error", reject);
    if (body && req.sendOnly !== undefined) r.write(body.subarray(0, req.sendOnly));
    else if (body) r.end(body);
    else r.end();
  });
}
