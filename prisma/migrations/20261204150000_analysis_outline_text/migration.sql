-- The run page's outline stored with each analysis (issue 20): the span tree, span facts
-- and the analysis' step and stage grouping in columns, as JSON text, so `/outline`
-- sends it on as it is (no span listing, tree building or encoding per open) and the
-- page draws the step and stage rows at once. `analysis_version` is the analyzer version
-- of `result`, checked without reading the whole result. Both null for results stored
-- before this migration (the outline is then built per request, as before).

-- AlterTable
ALTER TABLE "trace_analyses" ADD COLUMN     "analysis_version" TEXT,
ADD COLUMN     "outline" TEXT;
