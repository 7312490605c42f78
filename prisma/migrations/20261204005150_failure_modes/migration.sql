-- Failure modes across runs (issue 18): each analyzed failed run's deterministic
-- signature on its trace row, and one row per mode per project (its parts and when it
-- was first seen). Written to match `prisma migrate diff` for the FailureMode model and
-- Trace.failureMode; schema-match.test.ts proves it.

-- AlterTable
ALTER TABLE "traces" ADD COLUMN     "failure_mode" TEXT;

-- CreateTable
CREATE TABLE "failure_modes" (
    "project_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "evidence_kind" TEXT NOT NULL,
    "agent_name" TEXT NOT NULL,
    "tool" TEXT NOT NULL,
    "error_class" TEXT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "failure_modes_pkey" PRIMARY KEY ("project_id","key")
);

-- CreateIndex
CREATE INDEX "failure_modes_project_id_first_seen_at_idx" ON "failure_modes"("project_id", "first_seen_at" DESC);

-- CreateIndex
CREATE INDEX "traces_project_id_failure_mode_start_time_idx" ON "traces"("project_id", "failure_mode", "start_time" DESC);

-- AddForeignKey
ALTER TABLE "failure_modes" ADD CONSTRAINT "failure_modes_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Runs analyzed before failure modes existed: let the background analysis see them again
-- (it re-analyzes runs whose analyzed_at is null), so their modes get recorded.
UPDATE "traces" SET "analyzed_at" = NULL WHERE "onset_span_id" IS NOT NULL;
