/**
 * Ingestion credentials (parsed by @onset/db's presentedKey). A key must hold the
 * `ingest` scope: one without it (a read-only or admin-only key) gets 403 naming it. Lookups are cached for a short time so a busy exporter does not cost a query per request; a
 * revoked key stops working within that time.
 */
import { findKeyPrincipal, touchApiKey, type KeyPrincipal, type PresentedKey, type Prisma } from "@onset/db";
import { HttpError } from "./http-error";

/** Resolves credentials to projects with a small TTL cache. */
export class KeyResolver {
  private readonly cache = new Map<string, { p: KeyPrincipal | null; at: number }>();
  private readonly touched = new Map<string, number>();

  constructor(private readonly prisma: Prisma, private readonly ttlMs = 10_000) {}

  /** The project a credential writes into, or null; throws 403 (HttpError) for a key without the `ingest` scope. */
  async resolve(key: PresentedKey): Promise<KeyPrincipal | null> {
    const cacheKey = `${key.publicKey ?? ""}\u0000${key.secret}`;
    const now = Date.now();
    const hit = this.cache.get(cacheKey);
    let p: KeyPrincipal | null;
    if (hit && now - hit.at < this.ttlMs) {
      p = hit.p;
    } else {
      p = await findKeyPrincipal(this.prisma, key.secret, key.publicKey);
      if (this.cache.size > 10_000) this.cache.clear(); // bounded: junk keys cannot grow it
      this.cache.set(cacheKey, { p, at: now });
    }
    if (p && now - (this.touched.get(p.keyId) ?? 0) > 60_000) {
      this.touched.set(p.keyId, now);
      void touchApiKey(this.prisma, p.keyId).catch(() => {});
    }
    if (p && !p.scopes.includes("ingest")) throw new HttpError(403, `this API key lacks the "ingest" scope needed to send spans (it has: ${p.scopes.join(", ")})`);
    return p;
  }
}
