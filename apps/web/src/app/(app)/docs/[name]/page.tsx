import { notFound } from "next/navigation";
import { isServedDoc, readDoc, SERVED_DOCS } from "@/server/docs";

/** /docs/<name>: a reference document of the Onset source (docs/<name>.md), shown as text. */
export default async function DocPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  if (!isServedDoc(name)) notFound();
  const text = await readDoc(name);
  return (
    <section data-testid="doc-page">
      <h1>{SERVED_DOCS[name]}</h1>
      {text === null ? (
        <p className="muted">This install has no docs folder; the same text is docs/{name}.md in the Onset source.</p>
      ) : (
        <pre className="doc-text">{text}</pre>
      )}
    </section>
  );
}
