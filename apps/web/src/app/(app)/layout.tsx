import Link from "next/link";
import type { ReactNode } from "react";
import { requireUser } from "@/server/session";
import { Providers } from "../providers";
import { LogoutButton } from "@/components/logout-button";
import { ProjectSwitcher } from "@/components/project-switcher";

export const dynamic = "force-dynamic";

/** Layout of every logged-in page: the session check and the navigation. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <Providers>
      <header className="topbar">
        <Link href="/runs" className="brand">
          Onset
        </Link>
        <nav>
          <Link href="/runs">Runs</Link>
          <Link href="/dashboard">Dashboard</Link>
          <Link href="/alerts">Alerts</Link>
          <Link href="/settings">Settings</Link>
        </nav>
        <span className="spacer" />
        <ProjectSwitcher />
        <span className="muted">{user.email}</span>
        <LogoutButton />
      </header>
      <main className="page">{children}</main>
    </Providers>
  );
}
