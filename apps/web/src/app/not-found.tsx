import Link from "next/link";
import { connection } from "next/server";
import { Suspense } from "react";
import { AppNav } from "@/components/app-nav";

/**
 * The page for an unknown address, inside the app's top bar. Rendered per request (not
 * prerendered) so Next's scripts carry the request's CSP nonce: a static 404's inline
 * scripts would be blocked by the policy (src/proxy.ts), with console errors.
 */
export default async function NotFound() {
  await connection();
  return (
    <>
      <header className="topbar">
        <Link href="/runs" className="brand">
          Onset
        </Link>
        <Suspense>
          <AppNav />
        </Suspense>
      </header>
      <main className="page">
        <section className="card empty" data-testid="not-found">
          <h1>Page not found</h1>
          <p>
            Nothing lives at this address. A link to a run needs its whole trace id; pages are Runs, Compare, Dashboard, Alerts and Settings above.
          </p>
          <p>
            <Link href="/runs">Go to the runs list</Link>
          </p>
        </section>
      </main>
    </>
  );
}
