import Link from "next/link";
import type { AlertPayload } from "@onset/alerts";
import styles from "./alerts.module.css";

/** A firing run-cost notification as a JSON webhook receives it (docs/alerts.md "Payloads"). */
const EXAMPLE: AlertPayload & { sentAt: string } = {
  version: 1,
  id: "9d2c1f70-5a8e-4c61-b1a4-0f3e7d2b6c15",
  type: "firing",
  eventId: "c0a7e2d4-3b1f-4e8a-9c6d-5f2a1b7e9d30",
  status: "firing",
  rule: { id: "3e5b7c9d-1f2a-4b6c-8d0e-2a4c6e8f0b1d", name: "Run over $1", kind: "run_cost", threshold: 1, windowSec: null, scope: "project" },
  project: { id: "6f1c2a9e-0d7b-4d8e-9a51-2f7e1c3b5a90", slug: "default", name: "Default" },
  subject: { scope: "run", key: "4bf92f3577b34da6a3ce929d0e0e4736" },
  value: 1.0712,
  threshold: 1,
  unit: "usd",
  message: 'Run "invoke_workflow triage-flaky-nightlies" has cost $1.07, crossing the $1.00 threshold while still running.',
  run: {
    traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
    name: "invoke_workflow triage-flaky-nightlies",
    inFlight: true,
    url: "https://onset.example.com/runs/4bf92f3577b34da6a3ce929d0e0e4736?project=default",
  },
  span: { spanId: "b7ad6b7169203331", url: "https://onset.example.com/runs/4bf92f3577b34da6a3ce929d0e0e4736?project=default&span=b7ad6b7169203331" },
  details: { costUsd: 1.0712, inputTokens: 212480, outputTokens: 6120, spanCount: 19 },
  firedAt: "2026-11-20T12:19:41.000Z",
  links: {
    alerts: "https://onset.example.com/alerts?project=default",
    run: "https://onset.example.com/runs/4bf92f3577b34da6a3ce929d0e0e4736?project=default",
    span: "https://onset.example.com/runs/4bf92f3577b34da6a3ce929d0e0e4736?project=default&span=b7ad6b7169203331",
  },
  sentAt: "2026-11-20T12:19:41.213Z",
};

/** What the webhook will receive, next to the form: an example body, the headers, and the full reference. */
export function PayloadHelp({ slack }: { slack: boolean }) {
  return (
    <details className={styles.help} data-testid="payload-help">
      <summary>What the webhook receives</summary>
      <p className="small">
        A POST with a JSON body{slack ? " in Slack's incoming-webhook form (text and blocks, with links to the run and span)" : ""}; headers{" "}
        <code>X-Onset-Signature: sha256=…</code> (HMAC-SHA256 of the raw body under the signing secret), <code>X-Onset-Timestamp</code> and{" "}
        <code>X-Onset-Delivery</code> (the same on every retry: drop duplicates by it). Failed deliveries are retried with backoff; a test is sent
        once. {slack ? "Without Slack format, the body is:" : "For example:"}
      </p>
      <pre className="code" data-testid="payload-example">
        {JSON.stringify(EXAMPLE, null, 2)}
      </pre>
      <p className="small">
        Every field, the Slack form and how to verify the signature: <Link href="/docs/alerts">Alerts reference</Link>.
      </p>
    </details>
  );
}
