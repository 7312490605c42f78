-- Per-project analysis settings (issue 18): the optional LLM judge (endpoint, model, an
-- AES-GCM sealed key, prices, mode) and the replay webhook; and each run's latest judge
-- report. Written to match `prisma migrate diff` for the ProjectAnalysisSettings and
-- RunJudgement models; schema-match.test.ts proves it.

-- CreateTable
CREATE TABLE "project_analysis_settings" (
    "project_id" TEXT NOT NULL,
    "judge_mode" TEXT NOT NULL DEFAULT 'off',
    "judge_base_url" TEXT,
    "judge_model" TEXT,
    "judge_api_key_sealed" TEXT,
    "judge_input_usd_per_mtok" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "judge_output_usd_per_mtok" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "judge_timeout_ms" INTEGER NOT NULL DEFAULT 20000,
    "judge_prompt_tokens" INTEGER NOT NULL DEFAULT 8000,
    "replay_webhook_url" TEXT,
    "replay_webhook_secret" TEXT,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_analysis_settings_pkey" PRIMARY KEY ("project_id")
);

-- CreateTable
CREATE TABLE "run_judgements" (
    "project_id" TEXT NOT NULL,
    "trace_id" TEXT NOT NULL,
    "span_count" INTEGER NOT NULL,
    "report" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_judgements_pkey" PRIMARY KEY ("project_id","trace_id")
);

-- AddForeignKey
ALTER TABLE "project_analysis_settings" ADD CONSTRAINT "project_analysis_settings_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_judgements" ADD CONSTRAINT "run_judgements_project_id_trace_id_fkey" FOREIGN KEY ("project_id", "trace_id") REFERENCES "traces"("project_id", "trace_id") ON DELETE CASCADE ON UPDATE CASCADE;
