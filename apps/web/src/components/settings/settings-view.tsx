"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { ApiKeysSection } from "./api-keys-section";
import { DiagnosticsSection } from "./diagnostics-section";
import { JudgeSection } from "./judge-section";
import { ReplayWebhookSection } from "./replay-webhook-section";
import { MembersSection } from "./members-section";
import { PricesSection } from "./prices-section";
import { ProjectsSection } from "./projects-section";
import { RetentionSection } from "./retention-section";
import styles from "./settings.module.css";
import { useUserProjects } from "./use-current-project";

const TABS = [
  { id: "keys", title: "API keys" },
  { id: "members", title: "Members" },
  { id: "prices", title: "Prices" },
  { id: "retention", title: "Retention" },
  { id: "judge", title: "Judge" },
  { id: "diagnostics", title: "Mapping diagnostics" },
  { id: "projects", title: "Projects" },
] as const;

type TabId = (typeof TABS)[number]["id"];

/** Settings, one tab at a time; the tab lives in the URL (?tab=keys|members|prices|retention|judge|diagnostics|projects). */
export function SettingsView() {
  const params = useSearchParams();
  const tab: TabId = TABS.some((t) => t.id === params.get("tab")) ? (params.get("tab") as TabId) : "keys";
  const projects = useUserProjects();
  const current = projects.data?.projects.find((p) => p.id === projects.data?.currentProjectId);
  return (
    <section>
      <h1>
        Settings{current && <span className="muted small"> · project {current.name} · your role: {current.role}</span>}
      </h1>
      <nav className={styles.tabs} aria-label="Settings sections">
        {TABS.map((t) => (
          <Link key={t.id} href={`/settings?tab=${t.id}`} className={t.id === tab ? styles.tabOn : styles.tab} aria-current={t.id === tab ? "page" : undefined}>
            {t.title}
          </Link>
        ))}
      </nav>
      {tab === "keys" && <ApiKeysSection />}
      {tab === "members" && <MembersSection />}
      {tab === "prices" && <PricesSection />}
      {tab === "retention" && <RetentionSection />}
      {tab === "judge" && (
        <>
          <JudgeSection />
          <ReplayWebhookSection />
        </>
      )}
      {tab === "diagnostics" && <DiagnosticsSection />}
      {tab === "projects" && <ProjectsSection />}
    </section>
  );
}
