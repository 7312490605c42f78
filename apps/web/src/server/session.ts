/** Session checks for server components (pages): redirect to /login when logged out. */
import { findSessionUser } from "@onset/db";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { loginHref } from "@/lib/project-url";
import { SESSION_COOKIE } from "./auth";
import { serverContext } from "./context";
import { REQUEST_PATH_HEADER } from "./request-path";

/** The logged-in user, or a redirect to /login that comes back to the page asked for. */
export async function requireUser(): Promise<{ id: string; email: string }> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const user = token ? await findSessionUser(serverContext().prisma, token) : null;
  if (!user) redirect(loginHref((await headers()).get(REQUEST_PATH_HEADER)));
  return user;
}
