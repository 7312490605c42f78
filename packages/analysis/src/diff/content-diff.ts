/**
 * Small word/line diffs of tool arguments and outputs, shown as annotations on aligned
 * pairs (docs/spec/run-diff.md §8: content differences are annotations, kept out of d_norm). Bounded
 * work per pair: inputs are cut, common prefix/suffix tokens are skipped, and only a short
 * middle is aligned token by token; a long middle is shown as one removed + one added chunk.
 */
import { OP_DELETION, OP_INSERTION, OP_MATCH, alignFullMatrix } from "./alignment-path";
import { encodeKeys } from "./edit-distance";

/** One run of text in a diff. */
export interface TextDiffPart {
  op: "equal" | "removed" | "added";
  text: string;
}

/** A word- or line-level diff of two texts. */
export interface TextDiff {
  mode: "words" | "lines";
  parts: TextDiffPart[];
  /** Some text was cut (long inputs, long unchanged runs) to keep annotations small. */
  truncated: boolean;
}

/** Longest text diffed (characters per side). */
const MAX_CHARS = 4000;
/** Longest differing middle aligned token by token (tokens per side). */
const MAX_MIDDLE_TOKENS = 64;
/** Unchanged runs longer than this are shown as head … tail. */
const MAX_EQUAL_CHARS = 80;

/** Words and the whitespace between them, or lines with their newline. */
function tokenize(text: string, mode: "words" | "lines"): string[] {
  if (text === "") return [];
  return mode === "lines" ? text.split(/(?<=\n)/) : (text.match(/\s+|[^\s]+/g) ?? []);
}

/** Append a part, merging with the previous one of the same op. */
function pushPart(parts: TextDiffPart[], op: TextDiffPart["op"], text: string): void {
  if (text === "") return;
  const last = parts[parts.length - 1];
  if (last && last.op === op) last.text += text;
  else parts.push({ op, text });
}

/**
 * Diff two texts; null when they are equal. Line mode when either text has several lines,
 * else word mode.
 */
export function textDiff(before: string, after: string): TextDiff | null {
  if (before === after) return null;
  let truncated = false;
  let a = before;
  let b = after;
  if (a.length > MAX_CHARS) {
    a = a.slice(0, MAX_CHARS);
    truncated = true;
  }
  if (b.length > MAX_CHARS) {
    b = b.slice(0, MAX_CHARS);
    truncated = true;
  }
  const mode = a.includes("\n") || b.includes("\n") ? "lines" : "words";
  const ta = tokenize(a, mode);
  const tb = tokenize(b, mode);
  let pre = 0;
  while (pre < ta.length && pre < tb.length && ta[pre] === tb[pre]) pre++;
  let endA = ta.length;
  let endB = tb.length;
  while (endA > pre && endB > pre && ta[endA - 1] === tb[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: TextDiffPart[] = [];
  pushPart(parts, "equal", ta.slice(0, pre).join(""));
  const midA = ta.slice(pre, endA);
  const midB = tb.slice(pre, endB);
  if (midA.length <= MAX_MIDDLE_TOKENS && midB.length <= MAX_MIDDLE_TOKENS) {
    const { a: ka, b: kb } = encodeKeys(midA, midB);
    const path = alignFullMatrix(ka, kb);
    for (let k = 0; k < path.length; k++) {
      const op = path.ops[k]!;
      const i = path.aIndex[k]!;
      const j = path.bIndex[k]!;
      if (op === OP_MATCH) pushPart(parts, "equal", midA[i]!);
      else if (op === OP_DELETION) pushPart(parts, "removed", midA[i]!);
      else if (op === OP_INSERTION) pushPart(parts, "added", midB[j]!);
      else {
        pushPart(parts, "removed", midA[i]!);
        pushPart(parts, "added", midB[j]!);
      }
    }
  } else {
    pushPart(parts, "removed", midA.join(""));
    pushPart(parts, "added", midB.join(""));
  }
  pushPart(parts, "equal", ta.slice(endA).join(""));
  // Regroup "removed added removed added" runs so each change reads as one edit.
  const grouped: TextDiffPart[] = [];
  let removed = "";
  let added = "";
  const flush = (): void => {
    pushPart(grouped, "removed", removed);
    pushPart(grouped, "added", added);
    removed = added = "";
  };
  for (const p of parts) {
    if (p.op === "removed") removed += p.text;
    else if (p.op === "added") added += p.text;
    else {
      // A lone whitespace between two changes belongs to the change.
      if (/^\s+$/.test(p.text) && (removed || added)) {
        removed += p.text;
        added += p.text;
        continue;
      }
      flush();
      let text = p.text;
      if (text.length > MAX_EQUAL_CHARS) {
        text = `${text.slice(0, MAX_EQUAL_CHARS / 2)}…${text.slice(-MAX_EQUAL_CHARS / 2)}`;
        truncated = true;
      }
      pushPart(grouped, "equal", text);
    }
  }
  flush();
  return { mode, parts: grouped, truncated };
}
