-- Unknown usage is not zero (issue 16): how many of a run's LLM spans reported no
-- token usage at all (input and output both absent), kept per run with the other
-- totals, so a run whose model calls carry no usage reads "unknown", not "0 tokens, $0".
-- Existing runs are counted from their stored spans.

-- AlterTable
ALTER TABLE "traces" ADD COLUMN     "llm_spans_without_usage" INTEGER NOT NULL DEFAULT 0;

UPDATE "traces" AS t SET "llm_spans_without_usage" = s.n
FROM (
  SELECT project_id, trace_id, count(*)::int AS n FROM "spans"
  WHERE "type" = 'llm' AND input_tokens IS NULL AND output_tokens IS NULL
  GROUP BY project_id, trace_id
) AS s
WHERE t.project_id = s.project_id AND t.trace_id = s.trace_id;
