import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { requireUser } from "@/server/session";
import { Providers } from "../providers";
import { AppNav } from "@/components/app-nav";
import { LogoutButton } from "@/components/logout-button";
import { ProjectSwitcher } from "@/components/project-switcher";
import { ProjectUrlSync } from "@/components/project-url-sync";

export const dynamic = "force-dynamic";

/** Layout of every logged-in page: the session check, the navigation and the current project. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <Providers>
      <header className="topbar">
        <Link href="/runs" className="brand" prefetch={false}>
          Onset
        </Link>
        <Suspense>
          <AppNav />
        </Suspense>
        <span className="spacer" />
        <Suspense>
          <ProjectSwitcher />
        </Suspense>
        <span className="muted topbar-user">{user.email}</span>
        <LogoutButton />
      </header>
      <main className="page">
        <Suspense>
          <ProjectUrlSync />
        </Suspense>
        {children}
      </main>
    </Providers>
  );
}
