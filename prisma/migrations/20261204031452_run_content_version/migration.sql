-- A content version per run (issue 16): GenAI log events that fill a stored span's
-- content after the fact bump it (and the run's updated_at, so the quiet-run worker
-- analyzes the run again); trace_analyses keeps the version its result was computed
-- from, and a result of another version is stale.

-- AlterTable
ALTER TABLE "trace_analyses" ADD COLUMN     "content_version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "traces" ADD COLUMN     "content_version" INTEGER NOT NULL DEFAULT 0;
