import { Suspense } from "react";
import { FailureModesView } from "@/components/failure-modes/failure-modes-view";

/** Failed runs grouped by failure mode (?days=1..90). */
export default function FailureModesPage() {
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <FailureModesView />
    </Suspense>
  );
}
