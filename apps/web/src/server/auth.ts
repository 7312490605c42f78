/**
 * Who is calling, and may they: a user's session (http-only cookie) or a project API key
 * (Bearer, Basic or x-api-key, as the collector accepts). A key is bound to its own
 * project and holds scopes; a user picks one of their projects with `?project=` (id or
 * slug) or the project cookie, and holds a role in it. A project the caller is not a
 * member of answers 404, exactly like one that does not exist. The table of what each
 * access needs is access.ts (docs/security.md "Users, roles and keys").
 */
import {
  findKeyPrincipal,
  findMemberProject,
  findProject,
  listUserProjects,
  presentedKey,
  roleAtLeast,
  touchApiKey,
  type KeyScope,
  type MemberProject,
  type Role,
} from "@onset/db";
import type { NextRequest } from "next/server";
import { ACCESS, type Access } from "./access";
import { ApiError, notFound } from "./api-error";
import { serverContext } from "./context";
import { sessionUserOf } from "./session-user";

/** Session cookie name. */
export const SESSION_COOKIE = "onset_session";
/** Cookie remembering the project a user is looking at. */
export const PROJECT_COOKIE = "onset_project";

/** A logged-in user, not yet bound to a project. */
export interface SessionUser {
  userId: string;
  email: string;
}

/** An authenticated caller, bound to one project for this request. */
export type Principal =
  | { kind: "session"; userId: string; email: string; projectId: string; role: Role }
  | { kind: "key"; keyId: string; keyName: string; projectId: string; scopes: KeyScope[] };

/** Authenticates a request, binds it to a project and checks `access`; throws 401, 404 or 403. */
export async function authenticate(req: NextRequest, access: Access): Promise<Principal> {
  const need = ACCESS[access];
  const { prisma } = serverContext();
  const key = presentedKey((name) => req.headers.get(name));
  if (key) {
    const p = await findKeyPrincipal(prisma, key.secret, key.publicKey);
    if (!p) throw new ApiError(401, "unauthorized", "invalid or revoked API key");
    // A key reads its own project only; naming another one is the same 404 as an unknown one.
    const wanted = req.nextUrl.searchParams.get("project");
    if (wanted && wanted !== p.projectId && (await findProject(prisma, wanted))?.id !== p.projectId) throw notFound(`project ${wanted}`);
    void touchApiKey(prisma, p.keyId).catch(() => {});
    if (!need.scope) throw new ApiError(403, "forbidden", `${need.what} needs a login; API keys cannot do it`);
    if (!p.scopes.includes(need.scope)) {
      throw new ApiError(
        403,
        "missing_scope",
        `this API key lacks the "${need.scope}" scope needed for ${need.what} (it has: ${p.scopes.join(", ")})`,
        { scope: need.scope },
      );
    }
    return { kind: "key", keyId: p.keyId, keyName: p.name, projectId: p.projectId, scopes: p.scopes };
  }
  const user = await requireSessionUser(req);
  const project = await projectOf(req, user.userId);
  if (!roleAtLeast(project.role, need.role)) {
    throw new ApiError(403, "forbidden", `${need.what} needs the ${need.role} role or higher; yours in this project is ${project.role}`);
  }
  return { kind: "session", userId: user.userId, email: user.email, projectId: project.id, role: project.role };
}

/** The logged-in user of a request (API keys refused: the route is about a person), or 401/403. */
export async function authenticateUser(req: NextRequest, what: string): Promise<SessionUser> {
  if (presentedKey((name) => req.headers.get(name))) throw new ApiError(403, "forbidden", `${what} needs a login; API keys cannot do it`);
  return requireSessionUser(req);
}

async function requireSessionUser(req: NextRequest): Promise<SessionUser> {
  const user = await sessionUserOf(req.cookies.get(SESSION_COOKIE)?.value);
  if (!user) throw new ApiError(401, "unauthorized", "log in, or send the project's API key as Authorization: Bearer <key>");
  return user;
}

/**
 * The project this request is about: `?project=` (id or slug; 404 unless the user is a
 * member), else the project cookie while the user is still a member, else their oldest project.
 */
async function projectOf(req: NextRequest, userId: string): Promise<MemberProject> {
  const { prisma } = serverContext();
  const wanted = req.nextUrl.searchParams.get("project");
  if (wanted) {
    const p = await findMemberProject(prisma, userId, wanted);
    if (!p) throw notFound(`project ${wanted}`);
    return p;
  }
  const remembered = req.cookies.get(PROJECT_COOKIE)?.value;
  const p = (remembered ? await findMemberProject(prisma, userId, remembered) : null) ?? (await listUserProjects(prisma, userId))[0];
  if (!p) throw new ApiError(404, "no_project", "you are not a member of any project yet: ask a project's admin for an invite link, or create a project");
  return p;
}
