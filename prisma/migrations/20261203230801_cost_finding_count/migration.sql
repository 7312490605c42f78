-- The runs list's cost badge (issue 20): how many cost findings (runaway context, a
-- cost many times comparable runs') the run's analysis reported, written with the
-- other list badges (onset_span_id, loop_count) when the analysis is stored.

-- AlterTable
ALTER TABLE "traces" ADD COLUMN     "cost_finding_count" INTEGER NOT NULL DEFAULT 0;
