"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { RunsList } from "../runs/runs-list";
import { DiffView } from "./diff-view";
import { RunPicker } from "./run-picker";

const TRACE_ID = /^[0-9a-fA-F]{32}$/;

/** Routes /diff by its URL: no run, a run to pick a partner for, or a comparison to show. */
export function DiffPage() {
  const params = useSearchParams();
  const a = params.get("a") ?? "";
  const b = params.get("b") ?? "";
  const baseline = params.get("baseline") ?? "";

  if (!a) {
    // Nothing picked yet: pick here, from the runs list itself.
    return (
      <RunsList
        path="/diff"
        heading="Compare runs"
        intro={
          <p className="muted" data-testid="diff-pick-intro">
            Tick two runs and press <strong>Compare the two runs</strong>, or tick one to compare it with the nearest successful run of its task (or
            to pick its partner).
          </p>
        }
      />
    );
  }
  if (!TRACE_ID.test(a) || (b && !TRACE_ID.test(b))) {
    return (
      <section>
        <h1>Compare runs</h1>
        <p role="alert" className="error">
          A trace id is 32 hexadecimal characters; check the link you followed, or start again from the <Link href="/runs">runs list</Link>.
        </p>
      </section>
    );
  }
  if (!b && !baseline) return <RunPicker traceId={a.toLowerCase()} />;
  return <DiffView a={a.toLowerCase()} b={b ? b.toLowerCase() : null} baseline={b ? null : baseline} />;
}
