/** Content-defined chunking: lossless, prefix-stable, never splitting a surrogate pair. */
import { describe, expect, it } from "vitest";
import { chunkString, contentHash } from "./content-chunks";

const words = Array.from({ length: 20_000 }, (_, i) => `word${(i * 7919) % 997}`).join(" ");

describe("chunkString", () => {
  it("cuts a string into pieces that join back to it", () => {
    const chunks = chunkString(words);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.join("")).toBe(words);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(16384);
  });

  it("shares every chunk of a common prefix but the last (a conversation that grew)", () => {
    const a = chunkString(words);
    const b = chunkString(`${words} and then one more message`);
    expect(b.slice(0, a.length - 1)).toEqual(a.slice(0, -1));
  });

  it("never cuts between the halves of a surrogate pair", () => {
    const s = "😀".repeat(40_000);
    const chunks = chunkString(s);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length % 2).toBe(0); // whole pairs only
  });
});

describe("contentHash", () => {
  it("keeps a message and a chunk with the same text apart", () => {
    expect(contentHash("m", "x")).not.toBe(contentHash("c", "x"));
    expect(contentHash("c", "x")).toHaveLength(22);
  });
});
