import { safeNextPath } from "@/lib/project-url";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";

/** The login page; `?next=` is where it goes after (a path on this site only, lib/project-url.ts). */
export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = (await searchParams).next;
  return (
    <main className="login">
      <h1>Onset</h1>
      <p className="muted">Log in with your email and password (on a new install: the admin login printed when Onset started).</p>
      <LoginForm next={safeNextPath(typeof next === "string" ? next : null)} />
    </main>
  );
}
