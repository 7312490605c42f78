-- The run page's part of a stored analysis (issue 20), serialized when the analysis is
-- stored: `/diagnosis` sends it on as it is, instead of reading the whole result and
-- trimming it. Null for results stored before this column (trimmed on read instead).

-- AlterTable
ALTER TABLE "trace_analyses" ADD COLUMN     "diagnosis" TEXT;
