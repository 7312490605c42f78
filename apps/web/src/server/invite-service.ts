/**
 * Accepting an invite link (no login needed to open it): show what it invites to, then
 * join with a new account, with an existing account's email and password, or as the user
 * already logged in. Any way in ends with a session cookie for the joining user and the
 * invited project selected.
 */
import { acceptInvite, checkCredentials, openSession, previewInvite, type Role } from "@onset/db";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { ApiError } from "./api-error";
import { PROJECT_COOKIE, SESSION_COOKIE } from "./auth";
import { loginThrottle } from "./login-throttle";
import { clientAddress, secureCookies } from "./request-origin";
import { serverContext } from "./context";
import { sessionUserOf } from "./session-user";

/** An invite token as the link carries it. */
export const InviteToken = z.string().regex(/^onset_inv_[A-Za-z0-9_-]{16,64}$/, "not an invite token");

/** Body of POST /api/auth/invite/accept. */
export const AcceptBody = z.discriminatedUnion("account", [
  z.object({ token: InviteToken, account: z.literal("new"), email: z.email().max(320), password: z.string().min(10).max(1000) }).strict(),
  z.object({ token: InviteToken, account: z.literal("existing"), email: z.string().min(1).max(320), password: z.string().min(1).max(1000) }).strict(),
  z.object({ token: InviteToken, account: z.literal("session") }).strict(),
]);

/** What the accept page shows; 404 when the link is unknown, used, revoked or expired. */
export async function invitePreview(token: string): Promise<{ projectName: string; role: Role; expiresAt: Date }> {
  const preview = await previewInvite(serverContext().prisma, token);
  if (!preview) throw new ApiError(404, "invalid_invite", "this invite link is unknown, used, revoked or expired: ask for a new one");
  return preview;
}

/** Uses the invite and answers with the session cookie set (and the project selected). */
export async function acceptInviteRequest(req: NextRequest, body: z.infer<typeof AcceptBody>): Promise<Response> {
  const { prisma } = serverContext();
  let userId: string;
  if (body.account === "session") {
    const user = await sessionUserOf(req.cookies.get(SESSION_COOKIE)?.value);
    if (!user) throw new ApiError(401, "unauthorized", "log in first, or accept with an email and password");
    userId = user.userId;
  } else if (body.account === "existing") {
    // The same throttle as the login form: this is a password check too.
    const throttle = loginThrottle();
    const address = clientAddress(req);
    const wait = throttle.check(body.email, address);
    if (wait) throw new ApiError(429, "too_many_attempts", `too many failed logins: try again in ${wait.retryAfterSeconds} s`, { retryAfter: wait.retryAfterSeconds });
    const user = await checkCredentials(prisma, body.email, body.password);
    if (!user) {
      throttle.failed(body.email, address);
      throw new ApiError(401, "invalid_login", "wrong email or password");
    }
    throttle.succeeded(body.email);
    userId = user.id;
  }
  const joined = await acceptInvite(
    prisma,
    body.token,
    body.account === "new" ? { newUser: { email: body.email, password: body.password } } : { userId: userId! },
  );
  const res = NextResponse.json({ projectId: joined.projectId, role: joined.role });
  const secure = secureCookies(req);
  if (body.account !== "session") {
    const session = await openSession(prisma, joined.userId);
    res.cookies.set(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: "lax", secure, path: "/", expires: session.expiresAt });
  }
  res.cookies.set(PROJECT_COOKIE, joined.projectId, { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 365 * 86_400 });
  return res;
}
