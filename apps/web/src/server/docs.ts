/**
 * The reference pages the app links to (docs/*.md of the Onset source, which ships with
 * every install): read from disk by name, from a fixed list only, and shown as text.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

/** The documents the app serves at /docs/<name>, with their titles. */
export const SERVED_DOCS = { alerts: "Alerts: rules, payloads, signatures, retries" } as const;

/** A served document's name. */
export type DocName = keyof typeof SERVED_DOCS;

/** Whether `name` is one of the served documents. */
export function isServedDoc(name: string): name is DocName {
  return Object.hasOwn(SERVED_DOCS, name);
}

/** The repository's docs/ folder: the web app runs from apps/web (onset start) or the repository root. */
function docsDir(): string | null {
  for (const dir of [path.resolve(process.cwd(), "docs"), path.resolve(process.cwd(), "../../docs")]) {
    if (existsSync(path.join(dir, "alerts.md"))) return dir;
  }
  return null;
}

/** The Markdown text of a served document, or null when this install has no docs folder. */
export async function readDoc(name: DocName): Promise<string | null> {
  const dir = docsDir();
  return dir ? readFile(path.join(dir, `${name}.md`), "utf8") : null;
}
