/**
 * Wraps a route handler: authenticates, checks the caller's access to the project (one
 * place: every route declares what it needs, access.ts says what that means), runs it,
 * and maps errors to
 * `{"error": {"code", "message"}}` (docs/spec/public-api.md). 4xx are logged as warnings, 5xx with
 * a stack; zod errors become 400 with their issues. Every package's errors are OnsetErrors
 * (@onset/otlp) carrying their status and code, so this is the one place they are mapped.
 */
import { InviteError, MembershipError } from "@onset/db";
import { isOnsetError } from "@onset/otlp";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import { ApiError } from "./api-error";
import { defaultAccess, type Access } from "./access";
import { authenticate, authenticateUser, type Principal, type SessionUser } from "./auth";
import { guardCookieRequest, type BodyKind } from "./csrf";

/** What a wrapped handler receives. */
export interface RouteContext<P> {
  req: NextRequest;
  principal: Principal;
  params: P;
}

/**
 * An authenticated JSON route bound to one project. `access` says what it needs (a role
 * for logins, a scope for keys); without it GET/HEAD need "read" and anything else "admin".
 * `body: "raw"` declares a non-JSON body (uploads); the CSRF guard runs first either way.
 */
export function apiRoute<P = Record<string, string>>(
  handler: (ctx: RouteContext<P>) => Promise<unknown>,
  opts: { status?: number; access?: Access; body?: BodyKind } = {},
) {
  return async (req: NextRequest, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      // CSRF: state-changing cookie requests from another origin are refused (csrf.ts).
      guardCookieRequest(req, opts.body);
      const principal = await authenticate(req, opts.access ?? defaultAccess(req.method));
      const body = await handler({ req, principal, params: await ctx.params });
      if (body instanceof Response) return body;
      return NextResponse.json(body, { status: opts.status ?? 200 });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** What a wrapped user route receives. */
export interface UserRouteContext<P> {
  req: NextRequest;
  user: SessionUser;
  params: P;
}

/**
 * A JSON route about the logged-in user rather than one project (their project list,
 * creating a project, switching): logins only; `what` names it in the 403 a key gets.
 */
export function userRoute<P = Record<string, string>>(
  what: string,
  handler: (ctx: UserRouteContext<P>) => Promise<unknown>,
  opts: { status?: number } = {},
) {
  return async (req: NextRequest, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      guardCookieRequest(req);
      const user = await authenticateUser(req, what);
      const body = await handler({ req, user, params: await ctx.params });
      if (body instanceof Response) return body;
      return NextResponse.json(body, { status: opts.status ?? 200 });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Maps any thrown value to the API's error body. */
export function errorResponse(err: unknown): Response {
  if (isOnsetError(err)) {
    if (err.status >= 500) console.error(err);
    else console.warn(`[api] ${err.status} ${err.code}: ${err.message}`);
    const res = NextResponse.json({ error: { ...err.details, code: err.code, message: err.message } }, { status: err.status });
    // 429 and 503 say when to come back (details.retryAfter, seconds).
    if (typeof err.details?.retryAfter === "number") res.headers.set("retry-after", String(err.details.retryAfter));
    return res;
  }
  if (err instanceof ZodError) {
    const message = err.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return NextResponse.json({ error: { code: "invalid_request", message, issues: err.issues } }, { status: 400 });
  }
  if (err instanceof MembershipError || err instanceof InviteError) {
    const status = { forbidden: 403, last_owner: 409, not_found: 404, invalid_invite: 404, email_taken: 409 }[err.code];
    return errorResponse(new ApiError(status, err.code, err.message));
  }
  console.error(err);
  return NextResponse.json({ error: { code: "internal", message: "internal error; see the server log" } }, { status: 500 });
}
