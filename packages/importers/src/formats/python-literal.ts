/**
 * A reader for Python literals as `repr()` prints them: smolagents writes the tool calls
 * of its memory as `Calling tools:\n[{'id': 'call_1', 'type': 'function', 'function':
 * {'name': 'web_search', 'arguments': {'query': "Mercedes Sosa"}}}]` — Python's repr of a
 * list of dicts, which is not JSON (single quotes, True/False/None, tuples).
 * Only literals: strings (single, double and triple quoted, with escapes and r/b/u/f
 * prefixes), numbers, True/False/None, lists, tuples, dicts and sets; and, since
 * dataclasses and exceptions print as calls (smolagents' early run_gaia.py wrote its
 * memory steps as `ActionStep(step_number=1, error=AgentParsingError('…'), …)`), a call
 * `Name(a, b, key=value)`, read as `{ __class__: "Name", args: [a, b], key: value }`
 * (`args` only when there are positional arguments); an object without a literal form
 * (`<PIL.Image.Image … at 0x…>`) reads as its text. nan and inf read as NaN / Infinity.
 */

/** Thrown when the text is not a Python literal; carries the offset it stopped at. */
export class PythonLiteralError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at offset ${offset}`);
    this.name = "PythonLiteralError";
  }
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", a: "\x07", b: "\b", f: "\f", v: "\v", "\\": "\\", "'": "'", '"': '"', "\n": "" };
const NAMES: Record<string, unknown> = { True: true, False: false, None: null, nan: NaN, inf: Infinity };

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(message: string): never {
    throw new PythonLiteralError(message, this.pos);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  value(): unknown {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === undefined) this.fail("unexpected end");
    if (c === "[") return this.sequence("]");
    if (c === "(") return this.sequence(")");
    if (c === "{") return this.braces();
    if (c === "<") return this.opaque();
    if (/[-+.\d]/.test(c)) return this.number();
    const prefixed = /^([rRbBuUfF]{0,2})(['"])/.exec(this.text.slice(this.pos, this.pos + 3));
    if (prefixed) return this.string(prefixed[1]!.toLowerCase().includes("r"), prefixed[1]!.length);
    const name = /^[A-Za-z_][\w.]*/.exec(this.text.slice(this.pos, this.pos + 200))?.[0];
    if (name !== undefined && this.text[this.pos + name.length] === "(") {
      this.pos += name.length;
      return this.call(name);
    }
    if (name !== undefined && name in NAMES) {
      this.pos += name.length;
      return NAMES[name];
    }
    return this.fail(`unexpected ${JSON.stringify(c)}`);
  }

  /** An object printed without a literal form (`<PIL.Image.Image image mode=RGB … at 0x…>`), kept as its text. */
  opaque(): string {
    const end = this.text.indexOf(">", this.pos);
    if (end < 0) this.fail("unterminated <…> repr");
    const out = this.text.slice(this.pos, end + 1);
    this.pos = end + 1;
    return out;
  }

  /** `Name(positional…, key=value…)`, the reader at the "(". */
  call(name: string): Record<string, unknown> {
    this.pos++;
    const out: Record<string, unknown> = { __class__: name };
    const args: unknown[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ")") {
        this.pos++;
        if (args.length > 0) out.args = args;
        return out;
      }
      const key = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(this.text.slice(this.pos, this.pos + 200));
      if (key) {
        this.pos += key[0].length;
        out[key[1]!] = this.value();
      } else args.push(this.value());
      this.skipSpace();
      if (this.text[this.pos] === ",") this.pos++;
      else if (this.text[this.pos] !== ")") this.fail('expected "," or ")"');
    }
  }

  sequence(close: string): unknown[] {
    this.pos++;
    const items: unknown[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) {
        this.pos++;
        return items;
      }
      items.push(this.value());
      this.skipSpace();
      if (this.text[this.pos] === ",") this.pos++;
      else if (this.text[this.pos] !== close) this.fail(`expected "," or "${close}"`);
    }
  }

  /** A dict (keys kept as strings) or a set (read as a list). */
  braces(): Record<string, unknown> | unknown[] {
    this.pos++;
    const dict: Record<string, unknown> = {};
    const set: unknown[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === "}") {
        this.pos++;
        return set.length > 0 ? set : dict;
      }
      const key = this.value();
      this.skipSpace();
      if (this.text[this.pos] === ":") {
        this.pos++;
        dict[typeof key === "string" ? key : JSON.stringify(key)] = this.value();
      } else set.push(key);
      this.skipSpace();
      if (this.text[this.pos] === ",") this.pos++;
      else if (this.text[this.pos] !== "}") this.fail('expected "," or "}"');
    }
  }

  number(): number {
    const m = /^[-+]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][-+]?\d+)?j?/.exec(this.text.slice(this.pos));
    if (!m) this.fail("bad number");
    this.pos += m[0].length;
    return Number(m[0].replace(/_/g, "").replace(/j$/, ""));
  }

  string(raw: boolean, prefixLength: number): string {
    this.pos += prefixLength;
    const quote = this.text.startsWith(this.text[this.pos]!.repeat(3), this.pos) ? this.text[this.pos]!.repeat(3) : this.text[this.pos]!;
    this.pos += quote.length;
    let out = "";
    while (this.pos < this.text.length) {
      if (this.text.startsWith(quote, this.pos)) {
        this.pos += quote.length;
        return out;
      }
      const c = this.text[this.pos]!;
      if (c === "\\" && this.pos + 1 < this.text.length) {
        const next = this.text[this.pos + 1]!;
        if (raw) {
          out += c + next;
          this.pos += 2;
          continue;
        }
        const hex = /^(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/.exec(this.text.slice(this.pos + 1))?.[0];
        if (hex) {
          out += String.fromCodePoint(parseInt(hex.slice(1), 16));
          this.pos += 1 + hex.length;
          continue;
        }
        out += ESCAPES[next] ?? c + next;
        this.pos += 2;
        continue;
      }
      out += c;
      this.pos++;
    }
    return this.fail("unterminated string");
  }
}

/** The value of one Python literal (dicts as objects, tuples and sets as arrays). Throws PythonLiteralError. */
export function parsePythonLiteral(text: string): unknown {
  const reader = new Reader(text);
  const value = reader.value();
  reader.skipSpace();
  if (reader.pos < text.length) reader.fail("trailing text");
  return value;
}
