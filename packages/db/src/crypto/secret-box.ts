/**
 * Secrets at rest (docs/security.md "Secrets at rest"): a third-party API key a project
 * stores (the LLM judge's) is sealed with AES-256-GCM under a key from the environment,
 * ONSET_SECRET_KEY (32 bytes, as 64 hex characters or base64). Each seal has a fresh
 * 96-bit IV; the project id is the additional authenticated data, so a sealed value
 * copied into another project's row does not open. Without ONSET_SECRET_KEY nothing can
 * be sealed or opened: storing a key is refused, and a stored key cannot be used.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { OnsetError } from "@onset/otlp";

/** The environment variable holding the 32-byte master key. */
export const SECRET_KEY_ENV = "ONSET_SECRET_KEY";

const VERSION = "v1";

/** The error code of each reason a secret cannot be sealed or opened. */
const SECRET_BOX_CODES = { missing_key: "secret_key_missing", bad_key: "secret_key_invalid", bad_sealed: "secret_sealed_invalid" } as const;

/**
 * Why a secret could not be sealed or opened (no key, a malformed key, a tampered value):
 * a 500 of the server's own configuration or data unless a caller maps it (the web app's
 * judge settings answer 400 to a key that cannot be stored).
 */
export class SecretBoxError extends OnsetError {
  constructor(
    message: string,
    /** "missing_key" | "bad_key" | "bad_sealed" */
    readonly reason: keyof typeof SECRET_BOX_CODES,
  ) {
    super(500, SECRET_BOX_CODES[reason], message);
  }
}

/** The master key from the environment; throws SecretBoxError when it is missing or not 32 bytes. */
export function secretKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer {
  const raw = env[SECRET_KEY_ENV]?.trim();
  if (!raw) throw new SecretBoxError(`${SECRET_KEY_ENV} is not set: Onset cannot encrypt or decrypt stored API keys without it (docs/security.md)`, "missing_key");
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (key.length !== 32) throw new SecretBoxError(`${SECRET_KEY_ENV} must be 32 bytes, as 64 hex characters or base64 (e.g. \`openssl rand -hex 32\`)`, "bad_key");
  return key;
}

/** Seals `plain` for `context` (the project id): `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function sealSecret(plain: string, context: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** Opens a value {@link sealSecret} made for the same context and key; throws SecretBoxError otherwise. */
export function openSecret(sealed: string, context: string, key: Buffer): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new SecretBoxError("the stored secret is not in a known format", "bad_sealed");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(`the stored secret does not open with this ${SECRET_KEY_ENV} (was the key changed?)`, "bad_sealed");
  }
}
