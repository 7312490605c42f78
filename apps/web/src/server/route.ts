/**
 * Wraps a route handler: guards against CSRF, authenticates, checks the caller's access to
 * the project (one place: every route declares what it needs, access.ts says what that
 * means), parses the request with the route's contract (src/contracts), runs it, checks
 * the answer against the contract outside production, and maps errors to
 * `{"error": {"code", "message"}}` (docs/spec/public-api.md). 4xx are logged as warnings, 5xx with
 * a stack; zod errors become 400 with their issues. Every package's errors are OnsetErrors
 * (@onset/otlp) carrying their status and code, so this is the one place they are mapped.
 */
import { isOnsetError } from "@onset/otlp";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError, type z } from "zod";
import { queryObject, type Endpoint, type Parsed } from "@/contracts/endpoint";
import { ApiError } from "./api-error";
import { defaultAccess, type Access } from "./access";
import { authenticate, authenticateUser, type Principal, type SessionUser } from "./auth";
import { guardCookieRequest, type BodyKind } from "./csrf";
import { serverTimingHeader, timed, withTimings } from "./server-timing";

/** What every wrapped handler receives: the request, and its parts parsed by the route's contract. */
interface ParsedRequest<E extends Endpoint, P> {
  req: NextRequest;
  /** Path parameters: the contract's `params` output, else the raw strings. */
  params: E["params"] extends z.ZodType ? z.output<E["params"]> : P;
  /** The query string parsed by the contract (undefined without a `query` schema). */
  query: Parsed<E["query"]>;
  /** The JSON body parsed by the contract (undefined without a `body` schema). */
  body: Parsed<E["body"]>;
}

/** What a wrapped project handler receives. */
export type RouteContext<P, E extends Endpoint = Endpoint> = ParsedRequest<E, P> & { principal: Principal };

/** What a wrapped user route receives. */
export type UserRouteContext<P, E extends Endpoint = Endpoint> = ParsedRequest<E, P> & { user: SessionUser };

/** Options of both wrappers. */
export interface RouteOptions<E extends Endpoint> {
  /** Status of a successful answer (default 200). */
  status?: number;
  /** The endpoint's schemas (src/contracts/<resource>.ts). */
  contract?: E;
  /** `"raw"`: the body is bytes (uploads), not JSON; the CSRF guard runs either way. */
  body?: BodyKind;
}

/**
 * An authenticated JSON route bound to one project. `access` says what it needs (a role
 * for logins, a scope for keys); without it GET/HEAD need "read" and anything else "admin".
 * `contract` parses params, query and body before the handler runs (a ZodError is a 400)
 * and checks the answer against its response schema outside production.
 */
export function apiRoute<P = Record<string, string>, E extends Endpoint = Endpoint>(
  handler: (ctx: RouteContext<P, E>) => Promise<unknown>,
  opts: RouteOptions<E> & { access?: Access } = {},
) {
  return wrap(opts, async (req) => ({ principal: await authenticate(req, opts.access ?? defaultAccess(req.method)) }), handler);
}

/**
 * A JSON route about the logged-in user rather than one project (their project list,
 * creating a project, switching): logins only; `what` names it in the 403 a key gets.
 */
export function userRoute<P = Record<string, string>, E extends Endpoint = Endpoint>(
  what: string,
  handler: (ctx: UserRouteContext<P, E>) => Promise<unknown>,
  opts: RouteOptions<E> = {},
) {
  return wrap(opts, async (req) => ({ user: await authenticateUser(req, what) }), handler);
}

/** The wrapper both kinds share: CSRF guard, caller, parsing, answer check, error mapping. */
function wrap<P, E extends Endpoint, W extends object>(
  opts: RouteOptions<E>,
  who: (req: NextRequest) => Promise<W>,
  handler: (ctx: ParsedRequest<E, P> & W) => Promise<unknown>,
) {
  return (req: NextRequest, ctx: { params: Promise<P> }): Promise<Response> =>
    withTimings(async (phases) => {
      const cpu0 = process.cpuUsage();
      try {
        // CSRF: state-changing cookie requests from another origin are refused (csrf.ts).
        guardCookieRequest(req, opts.body);
        const caller = await who(req);
        const parsed = await parseRequest<E, P>(req, await ctx.params, opts.contract);
        const body = await timed("handler", () => handler({ ...parsed, ...caller }));
        if (body instanceof Response) {
          body.headers.set("server-timing", serverTimingHeader([...phases, ["cpu", cpuMs(cpu0)]]));
          return body;
        }
        checkResponse(opts.contract?.response, body);
        // Serialized here rather than by NextResponse.json, to time it (Server-Timing `json`).
        const json = await timed("json", () => JSON.stringify(body));
        phases.push(["cpu", cpuMs(cpu0)]);
        return new NextResponse(json, {
          status: opts.status ?? 200,
          headers: { "content-type": "application/json", "server-timing": serverTimingHeader(phases) },
        });
      } catch (err) {
        return errorResponse(err);
      }
    });
}

/** Process CPU milliseconds since `since` (process.cpuUsage). */
function cpuMs(since: NodeJS.CpuUsage): number {
  const cpu = process.cpuUsage(since);
  return (cpu.user + cpu.system) / 1000;
}

/** Parses params, query string and JSON body with the contract's schemas (those it has). */
async function parseRequest<E extends Endpoint, P>(req: NextRequest, params: P, contract: E | undefined): Promise<ParsedRequest<E, P>> {
  const c: Endpoint = contract ?? {};
  return {
    req,
    params: (c.params ? c.params.parse(params) : params) as ParsedRequest<E, P>["params"],
    query: (c.query ? c.query.parse(queryObject(req.nextUrl.searchParams)) : undefined) as Parsed<E["query"]>,
    body: (c.body ? await readJsonBody(req, c.body) : undefined) as Parsed<E["body"]>,
  };
}

/**
 * The one way a JSON body is read: an empty body is `undefined`, text that is not JSON
 * a 400 `invalid_json`, then `schema` parses it (a ZodError is a 400 `invalid_request`).
 * Content-Type was checked by the CSRF guard for cookie requests.
 */
export async function readJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const text = await req.text();
  let value: unknown = undefined;
  if (text.trim() !== "") {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError(400, "invalid_json", "the request body must be JSON");
    }
  }
  return schema.parse(value);
}

/**
 * Outside production, the answer must match the contract's response schema as JSON
 * carries it: a mismatch is the server's bug (500 `invalid_response`), caught by the
 * tests and in development before a client reads a shape no contract promised.
 */
function checkResponse(schema: z.ZodType | undefined, body: unknown): void {
  if (!schema || process.env.NODE_ENV === "production") return;
  const result = schema.safeParse(JSON.parse(JSON.stringify(body ?? null)));
  if (result.success) return;
  const where = result.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  throw new ApiError(500, "invalid_response", `the answer does not match its contract (${where})`);
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
  console.error(err);
  return NextResponse.json({ error: { code: "internal", message: "internal error; see the server log" } }, { status: 500 });
}
