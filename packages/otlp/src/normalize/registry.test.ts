import { describe, expect, it } from "vitest";
import { decodeTraceRequestJson } from "../json/decode-trace-request";
import type { Attributes } from "../normalized-span";
import { ALL_FIXTURES } from "../test-support/fixtures/index";
import type { MappableSpan } from "./mapper";
import { DEFAULT_MAPPERS } from "./registry";

/** Wrap attributes in a proxy that records every key read. */
function recording(attributes: Attributes): { proxy: Attributes; read: Set<string> } {
  const read = new Set<string>();
  const proxy = new Proxy(attributes, {
    get(target, key, receiver) {
      if (typeof key === "string") read.add(key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === "string") read.add(key);
      return Reflect.has(target, key);
    },
  });
  return { proxy, read };
}

describe("the default registry", () => {
  it("has unique names and ends with the always-matching generic mapper", () => {
    const names = DEFAULT_MAPPERS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.at(-1)).toBe("generic");
  });

  it.each(Object.entries(ALL_FIXTURES))("only reads attribute keys it declares as consumed (fixture %s)", (_name, fixture) => {
    // Why: diagnostics trust `consumes`; a mapper reading an undeclared key would report it as unmapped.
    for (const span of decodeTraceRequestJson(fixture, { normalize: false }).spans) {
      for (const mapper of DEFAULT_MAPPERS) {
        const { proxy, read } = recording(span.attributes);
        const view: MappableSpan = { ...span, attributes: proxy };
        if (!mapper.detect(view)) continue;
        read.clear(); // detection may probe keys of other conventions
        mapper.map(view);
        // A JSON object read field by field (readsFieldsOf) is declared by its fields: diagnostics list the others.
        const undeclared = [...read].filter((key) => key in span.attributes && !mapper.consumes(key) && !mapper.readsFieldsOf?.includes(key));
        expect({ mapper: mapper.name, span: span.name, undeclared }).toEqual({ mapper: mapper.name, span: span.name, undeclared: [] });
      }
    }
  });
});
