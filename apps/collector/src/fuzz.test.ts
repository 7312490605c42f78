/**
 * Fuzzing the running collector over OTLP/HTTP: thousands of seeded mutations of valid
 * protobuf and JSON requests (test/payload-mutator.ts), some gzipped, POSTed
 * concurrently, so mutants share group commits with each other. docs/spec/design.md §3.1: bad
 * input is answered with a 4xx or a partial success, never a 5xx, never a crash, and
 * one poisoned span never fails the requests it was committed with.
 */
import http from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRun, listRuns } from "@onset/db";
import { captureAgentRun, jsonBody, protobufBody } from "../test-support/otlp-bodies";
import { mutateBytes, mutateJsonStructure, mutateProtobufStructure, type Mutant } from "../test-support/payload-mutator";
import { partialSuccessOf } from "../test-support/otlp-responses";
import { quirkyJsonRequest } from "../test-support/quirky-json";
import { sendRaw } from "../test-support/raw-http";
import { seededRng } from "../test-support/seeded-random";
import { expectStoredRun } from "../test-support/stored-run";
import { startTestCollector, type TestCollector } from "../test-support/test-collector";

const PAYLOADS = 5200;
const CONCURRENCY = 16;
const SEED = 20261120;

interface Payload extends Mutant {
  ctype: "application/x-protobuf" | "application/json";
  gzip: "none" | "valid" | "corrupt";
}

describe("fuzzing OTLP/HTTP", () => {
  let t: TestCollector;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  beforeAll(async () => {
    t = await startTestCollector();
  });
  afterAll(async () => {
    agent.destroy();
    await t?.close();
  });

  it(`answers ${PAYLOADS} mutated requests without a 5xx and keeps working`, async () => {
    // Fixed ids and times: the seeds, and so every mutant, are byte-identical run to run.
    const baseMs = Date.UTC(2026, 10, 20, 12, 0, 0);
    const pbSeeds = [
      protobufBody(captureAgentRun({ sessionId: "seed-1", userId: "u", baseMs }, "svc", 1).spans),
      protobufBody([2, 3, 4, 5, 6].flatMap((i) => captureAgentRun({ sessionId: `seed-many-${i}`, userId: "u", baseMs: baseMs + i * 5000 }, "svc", i).spans)),
    ];
    const jsonSeeds = [
      jsonBody(captureAgentRun({ sessionId: "seed-json", userId: "u", baseMs }, "svc", 7).spans),
      Buffer.from(JSON.stringify(quirkyJsonRequest(baseMs))),
    ];
    const headers = { authorization: `Bearer ${t.projectA.key.secret}` };

    // The seeds themselves are valid and fully accepted: mutants start from real requests.
    for (const [ctype, seeds] of [["application/x-protobuf", pbSeeds], ["application/json", jsonSeeds]] as const) {
      for (const body of seeds) {
        const res = await sendRaw(t.tracesUrl, { headers: { ...headers, "content-type": ctype }, body, agent });
        expect(res.status).toBe(200);
        expect(partialSuccessOf(res).rejectedSpans).toBe(0);
      }
    }

    const rng = seededRng(SEED);
    const make = (): Payload => {
      const json = rng.next() < 0.45;
      const seeds = json ? jsonSeeds : pbSeeds;
      const seed = rng.pick(seeds);
      const other = rng.pick([...pbSeeds, ...jsonSeeds]);
      const structural = rng.next() < 0.5;
      const m = !structural ? mutateBytes(rng, seed, other) : json ? mutateJsonStructure(rng, seed) : mutateProtobufStructure(rng, seed, other);
      const roll = rng.next();
      const gzip = roll < 0.1 ? "valid" : roll < 0.13 ? "corrupt" : "none";
      let body = gzip === "none" ? m.body : gzipSync(m.body);
      if (gzip === "corrupt") body = mutateBytes(rng, body, body).body;
      return { ...m, body, gzip, ctype: json ? "application/json" : "application/x-protobuf" };
    };

    const statuses = new Map<number, number>();
    const bad: string[] = [];
    let answered = 0;
    let partial = 0;
    let next = 0;
    const worker = async () => {
      while (next < PAYLOADS) {
        next++;
        const p = make();
        const h: Record<string, string> = { ...headers, "content-type": p.ctype };
        if (p.gzip !== "none") h["content-encoding"] = "gzip";
        const res = await sendRaw(t.tracesUrl, { headers: h, body: p.body, agent });
        answered++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (![200, 400, 413].includes(res.status)) bad.push(`${res.status} for ${p.ctype} ${p.mutation} gzip=${p.gzip}: ${res.body.toString("utf8").slice(0, 300)}`);
        else if (res.status === 200 && partialSuccessOf(res).rejectedSpans > 0) partial++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(bad).toEqual([]);
    expect(answered).toBe(PAYLOADS);
    // The mix is meaningful: many mutants are refused, many stored, some partly.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(PAYLOADS / 10);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(PAYLOADS / 10);
    expect(partial).toBeGreaterThan(50);
    console.info(`fuzz: ${answered} answered, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${partial} partial successes`);

    // Still alive and still correct: health, a fresh run stored field by field, and
    // everything the mutants left behind readable through the runs API.
    const health = await sendRaw(t.tracesUrl.replace("/v1/traces", "/health"), { method: "GET" });
    expect(health.status).toBe(200);
    const who = { sessionId: "after-fuzz", userId: "u", serviceName: "svc-after" };
    const run = captureAgentRun(who, who.serviceName);
    expect((await sendRaw(t.tracesUrl, { headers: { ...headers, "content-type": "application/x-protobuf" }, body: protobufBody(run.spans) })).status).toBe(200);
    await expectStoredRun(t.collector.pool, t.projectA.id, run.run, who);
    let cursor: string | undefined;
    let runs = 0;
    do {
      const page = await listRuns(t.collector.pool, t.projectA.id, { limit: 500, cursor });
      for (const r of page.runs) expect(await getRun(t.collector.pool, t.projectA.id, r.traceId)).not.toBeNull();
      runs += page.runs.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(runs).toBeGreaterThan(7);
  }, 120_000);
});
