import { Suspense } from "react";
import { SettingsView } from "@/components/settings/settings-view";

/** Settings: API keys, members, prices, mapping diagnostics, projects (?tab=...). */
export default function SettingsPage() {
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <SettingsView />
    </Suspense>
  );
}
