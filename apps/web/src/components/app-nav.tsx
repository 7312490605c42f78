"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useProjectHref } from "./use-project-href";

const LINKS = [
  { href: "/runs", label: "Runs" },
  { href: "/diff", label: "Compare" },
  { href: "/dashboard", label: "Dashboard" },
  { href: "/failure-modes", label: "Failure modes" },
  { href: "/alerts", label: "Alerts" },
  { href: "/settings", label: "Settings" },
] as const;

/** The top bar's page links, in the page's project, the current page marked. */
export function AppNav() {
  const href = useProjectHref();
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      {LINKS.map((l) => (
        // No prefetch: the pages read their data in the browser, and prefetching every entry
        // on each page open costs the server six renders just when the page asks for its data.
        <Link key={l.href} href={href(l.href)} prefetch={false} aria-current={pathname === l.href || pathname.startsWith(`${l.href}/`) ? "page" : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
