import { describe, expect, it } from "vitest";
import { analyzeRun } from "../analyze-run";
import { call, say } from "../test-support/coding-steps";
import { RunBuilder } from "../test-support/span-builder";
import { stateStem } from "./signal-contradiction";

/**
 * Fixtures shaped like a τ-bench retail conversation (the order records are the shape
 * its get_order_details returns), then a ticketing agent, so the signal is not tied to
 * one domain's words.
 */
const order = (id: string, status: string, tracking: string[] = []) =>
  JSON.stringify({ order_id: id, user_id: "ethan_garcia_1261", items: [{ name: "Office Chair", item_id: "4168944673", price: 471.82 }], fulfillments: tracking.length ? [{ tracking_id: tracking, item_ids: ["4168944673"] }] : [], status });

function retailRun(answer: string, extraTurn?: (b: RunBuilder, root: string) => void) {
  const b = new RunBuilder();
  const root = b.agent("assistant");
  call(b, root, "get_order_details", { order_id: "#W4967593" }, order("#W4967593", "processed", ["357962501027"]));
  call(b, root, "get_order_details", { order_id: "#W5733668" }, order("#W5733668", "delivered"));
  call(b, root, "get_order_details", { order_id: "#W9911714" }, order("#W9911714", "pending"));
  const claim = say(b, root, answer);
  extraTurn?.(b, root);
  return { spans: b.build(), claim };
}

describe("contradicted-observation: a step stating what a tool result contradicts", () => {
  it("stems state words so inflections of one state compare equal", () => {
    expect(["delivered", "delivery", "processing", "processed", "cancelled", "canceled"].map(stateStem)).toEqual(["deliver", "deliver", "process", "process", "cancel", "cancel"]);
  });

  it("blames the step that calls a processed order delivered, and the step that then acts on it", () => {
    const { spans, claim } = retailRun("Here is how we can proceed:\n1. **Delivered Orders (#W4967593 and #W5733668)**: these items can be exchanged for higher-end versions.", (b, root) => {
      call(b, root, "exchange_delivered_order_items", { order_id: "#W4967593", item_ids: ["4168944673"] }, "Error: non-delivered order cannot be exchanged", { error: "non-delivered order cannot be exchanged" });
    });
    const a = analyzeRun(spans, { outcome: "failed" });
    expect(a.onset?.stepId).toBe(claim);
    const ev = a.onset!.evidence.find((e) => e.kind === "contradicted-observation")!;
    expect(ev.text).toBe('says W4967593 is "Delivered", but get_order_details at step 1 gave its status as "processed"');
    expect(a.chain.some((l) => l.relation === "affected" && l.evidence.some((e) => e.text.startsWith("acts on W4967593")))).toBe(true);
  });

  it("blames a step saying an order has no tracking number when its fulfillment carried one", () => {
    const { spans, claim } = retailRun("The processed order (#W4967593) does not have a tracking number yet.");
    const a = analyzeRun(spans, { outcome: "failed" });
    expect(a.onset?.stepId).toBe(claim);
    expect(a.onset!.evidence[0]!.text).toMatch(/says W4967593 has no "tracking number", but get_order_details at step 1 returned its tracking_id/);
  });

  it("infers the run failed from the contradiction when no verdict was sent", () => {
    const { spans } = retailRun("Your orders #W4967593 and #W5733668 have been delivered, so both can be returned.");
    const a = analyzeRun(spans);
    expect(a.outcome).toMatchObject({ status: "failed", source: "inferred" });
    expect(a.outcome.reason).toMatch(/at step 4 the agent says W4967593 is "delivered"/);
  });

  it("stays silent on true statements, negations, conditions, actions and empty fields", () => {
    for (const text of [
      "Order #W4967593 is processed and #W5733668 has been delivered.",
      "Order #W4967593 (processed) can be modified; #W5733668 (delivered) can be exchanged.",
      "Order #W4967593 has not been delivered yet.",
      "Once #W4967593 is delivered you can return items from it.",
      "To proceed with canceling order #W9911714, please confirm the reason.",
      "Order #W5733668 has no tracking number.",
      "I will process the return for order #W5733668.",
    ]) {
      const a = analyzeRun(retailRun(text).spans);
      expect(a.labels.flatMap((l) => l.evidence).filter((e) => e.kind === "contradicted-observation"), text).toEqual([]);
      expect(a.outcome.status, text).not.toBe("failed");
    }
  });

  it("reads any record with an id and a *_status field: a ticket said closed while open", () => {
    const b = new RunBuilder();
    const root = b.agent("support-bot");
    call(b, root, "jira_get_issue", { key: "OPS-1234" }, JSON.stringify({ issue: { key: "OPS-1234", summary: "Disk full on db-2", issue_status: "Open" } }));
    call(b, root, "jira_get_issue", { key: "OPS-1300" }, JSON.stringify({ issue: { key: "OPS-1300", summary: "Rotate keys", issue_status: "Closed" } }));
    const claim = say(b, root, "Good news: OPS-1234 is already closed, nothing left to do.");
    const a = analyzeRun(b.build());
    expect(a.outcome.status).toBe("failed");
    expect(a.onset?.stepId).toBe(claim);
    expect(a.onset!.evidence[0]!.text).toBe('says OPS-1234 is "closed", but jira_get_issue at step 1 gave its issue_status as "Open"');
  });
});
