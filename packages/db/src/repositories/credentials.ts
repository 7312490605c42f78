/**
 * Reads an API key from request headers, the same way for the collector and the web
 * API (docs/spec/public-api.md): `Authorization: Bearer <secret>`, `Authorization: Basic
 * base64(<public>:<secret>)`, or `x-api-key: <secret>`.
 */

/** A credential as presented. */
export interface PresentedKey {
  secret: string;
  publicKey?: string;
}

/** The credential in `header(name)`'s answers, or null when none is present. */
export function presentedKey(header: (name: string) => string | null | undefined): PresentedKey | null {
  const auth = header("authorization")?.trim();
  if (auth) {
    const [scheme, value] = auth.split(/\s+/, 2);
    if (scheme?.toLowerCase() === "bearer" && value) return { secret: value };
    if (scheme?.toLowerCase() === "basic" && value) {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const i = decoded.indexOf(":");
      return i > 0 ? { publicKey: decoded.slice(0, i), secret: decoded.slice(i + 1) } : null;
    }
  }
  const x = header("x-api-key")?.trim();
  return x ? { secret: x } : null;
}
