-- The per-project content store (issue 19, docs/adr/0008-content-store.md): each distinct
-- chat message and each chunk of a long string is stored once per project and month, and
-- spans reference them (spans.content_refs). Written to match `prisma migrate diff` for
-- the SpanContent model and Span.contentRefs; schema-match.test.ts proves it.

-- AlterTable
ALTER TABLE "spans" ADD COLUMN "content_refs" JSONB;

-- CreateTable: partitioned like spans (by month of the referring span's start), so
-- retention drops a month of spans and the content only they referenced together.
CREATE TABLE "span_contents" (
    "project_id" TEXT NOT NULL,
    "bucket" TIMESTAMPTZ(6) NOT NULL,
    "hash" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "span_contents_pkey" PRIMARY KEY ("project_id","hash","bucket")
) PARTITION BY RANGE ("bucket");

-- Months without their own partition (packages/db/src/repositories/span-partitions.ts
-- creates them beside the spans ones).
CREATE TABLE "span_contents_default" PARTITION OF "span_contents" DEFAULT;
