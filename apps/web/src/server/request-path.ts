/**
 * The request header through which the proxy (src/proxy.ts) tells server components the
 * path and query asked for: layouts are not given the URL, and the login redirect must
 * come back to it.
 */
export const REQUEST_PATH_HEADER = "x-onset-path";
