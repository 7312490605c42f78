/**
 * Notification bodies: the JSON payload's links into the UI (run, and span selected by
 * ?span=), and the Slack form with untrusted text escaped so it cannot ping or link.
 */
import { describe, expect, it } from "vitest";
import { buildPayload } from "./alert-payload";
import { slackBody, slackEscape } from "./slack-body";
import { ruleRow } from "./test-support/fixtures";

const T = "0af7651916cd43dd8448eb211c80319c";
const payload = buildPayload({
  notificationId: "n1",
  type: "firing",
  eventId: "e1",
  status: "firing",
  rule: ruleRow({ kind: "run_cost", threshold: 1, name: "Run over $1" }),
  project: { id: "p1", slug: "default", name: "Default" },
  subject: { scope: "run", key: T },
  value: 1.23,
  message: 'Run "<!channel> & <https://evil.test|click>" has cost $1.23',
  run: { traceId: T, name: "<!channel>", inFlight: true },
  spanId: "b7ad6b7169203331",
  details: { costUsd: 1.23 },
  firedAt: new Date("2026-11-20T12:00:00Z"),
  publicWebUrl: "https://onset.example.com/",
});

describe("notification payloads", () => {
  it("links to the run and to the span that fired it, in its project (a member opens them in any session)", () => {
    expect(payload.links).toEqual({
      alerts: "https://onset.example.com/alerts?project=default",
      run: `https://onset.example.com/runs/${T}?project=default`,
      span: `https://onset.example.com/runs/${T}?project=default&span=b7ad6b7169203331`,
    });
    expect(payload).toMatchObject({ unit: "usd", value: 1.23, threshold: 1, run: { inFlight: true }, span: { spanId: "b7ad6b7169203331" } });
  });

  it("has no span link without a run", () => {
    const p = buildPayload({ ...payloadInput(), run: null, spanId: "x" });
    expect(p.links).toMatchObject({ run: null, span: null });
  });

  it("escapes untrusted text in the Slack form", () => {
    const s = slackBody(payload);
    const all = JSON.stringify(s);
    expect(all).not.toContain("<!channel>");
    expect(all).not.toContain("<https://evil.test|");
    expect(s.text).toContain("&lt;!channel&gt; &amp; &lt;https://evil.test|click&gt;");
    // Our own links stay links.
    expect(all).toContain(`<https://onset.example.com/runs/${T}?project=default&span=b7ad6b7169203331|Open span>`);
    expect(s.blocks[1]).toMatchObject({ fields: [{ text: "*Value*\n$1.23" }, { text: "*Threshold*\n$1.00" }] });
  });

  it("escapes the three characters Slack reserves", () => {
    expect(slackEscape("a & b < c > d")).toBe("a &amp; b &lt; c &gt; d");
  });
});

function payloadInput() {
  return {
    notificationId: "n2", type: "test" as const, eventId: "e2", status: "resolved" as const,
    rule: ruleRow({ kind: "loop", threshold: 3 }), project: { id: "p1", slug: "d", name: "D" },
    subject: { scope: "project" as const, key: "" }, value: 3, message: "m", details: {},
    firedAt: new Date(0), publicWebUrl: "http://x",
  };
}
