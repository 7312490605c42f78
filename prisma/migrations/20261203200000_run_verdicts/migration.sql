-- A user's verdict on a run (issue 14): one current verdict per run, removed with the run.
-- Written to match `prisma migrate diff` for the RunVerdict model; schema-match.test.ts
-- proves it.

-- CreateTable
CREATE TABLE "run_verdicts" (
    "project_id" TEXT NOT NULL,
    "trace_id" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "note" TEXT,
    "actor_kind" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_verdicts_pkey" PRIMARY KEY ("project_id","trace_id")
);

-- AddForeignKey
ALTER TABLE "run_verdicts" ADD CONSTRAINT "run_verdicts_project_id_trace_id_fkey" FOREIGN KEY ("project_id", "trace_id") REFERENCES "traces"("project_id", "trace_id") ON DELETE CASCADE ON UPDATE CASCADE;
