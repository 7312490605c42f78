-- Per-project retention in days (issue 19; null keeps everything), applied by
-- packages/db/src/repositories/retention.ts. Written to match `prisma migrate diff` for
-- Project.retentionDays; schema-match.test.ts proves it.

-- AlterTable
ALTER TABLE "projects" ADD COLUMN "retention_days" INTEGER;
