import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret, secretKeyFromEnv, SecretBoxError } from "./secret-box";

const key = randomBytes(32);

describe("secret box (AES-256-GCM under ONSET_SECRET_KEY)", () => {
  it("round-trips, and never stores the plain text", () => {
    const sealed = sealSecret("sk-live-abc123", "project-a", key);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("sk-live");
    expect(openSecret(sealed, "project-a", key)).toBe("sk-live-abc123");
    // A fresh IV each time: the same key seals differently.
    expect(sealSecret("sk-live-abc123", "project-a", key)).not.toBe(sealed);
  });

  // Each row: how the sealed value is misused; it must not open.
  const MISUSES: [string, (s: string) => [string, string, Buffer]][] = [
    ["copied to another project", (s) => [s, "project-b", key]],
    ["opened with another master key", (s) => [s, "project-a", randomBytes(32)]],
    ["tampered with", (s) => [s.slice(0, -2) + (s.endsWith("A") ? "BB" : "AA"), "project-a", key]],
    ["not a sealed value", () => ["plain-text-key", "project-a", key]],
  ];
  it.each(MISUSES)("refuses a value %s", (_why, misuse) => {
    const [sealed, context, k] = misuse(sealSecret("sk-live-abc123", "project-a", key));
    expect(() => openSecret(sealed, context, k)).toThrow(SecretBoxError);
  });

  it("reads the key as hex or base64 and says what is wrong with a missing or short one", () => {
    expect(secretKeyFromEnv({ ONSET_SECRET_KEY: key.toString("hex") }).equals(key)).toBe(true);
    expect(secretKeyFromEnv({ ONSET_SECRET_KEY: key.toString("base64") }).equals(key)).toBe(true);
    expect(() => secretKeyFromEnv({})).toThrow(/ONSET_SECRET_KEY is not set/);
    expect(() => secretKeyFromEnv({ ONSET_SECRET_KEY: "abcd" })).toThrow(/must be 32 bytes/);
  });
});
