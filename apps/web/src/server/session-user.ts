/** The user behind a session cookie's token (shared by API routes and pages). */
import { findSessionUser } from "@onset/db";
import { serverContext } from "./context";

/** The logged-in user for `token`, or null when there is none or it expired. */
export async function sessionUserOf(token: string | undefined): Promise<{ userId: string; email: string } | null> {
  const user = token ? await findSessionUser(serverContext().prisma, token) : null;
  return user ? { userId: user.id, email: user.email } : null;
}
