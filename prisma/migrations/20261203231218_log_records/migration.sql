-- OTLP log records (issue 16): GenAI events joined to their span, other records with a
-- span context shown as span events, records without one listed per project.
-- Written to match `prisma migrate diff` for the LogRecord model; schema-match.test.ts proves it.

-- CreateTable
CREATE TABLE "log_records" (
    "project_id" TEXT NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "trace_id" TEXT,
    "span_id" TEXT,
    "time" TIMESTAMPTZ(6) NOT NULL,
    "observed_time" TIMESTAMPTZ(6),
    "severity_number" INTEGER,
    "severity_text" TEXT,
    "event_name" TEXT,
    "body" JSONB,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "resource" JSONB NOT NULL DEFAULT '{}',
    "service_name" TEXT,
    "scope_name" TEXT,
    "scope_version" TEXT,
    "span_applied" BOOLEAN NOT NULL DEFAULT false,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "log_records_pkey" PRIMARY KEY ("project_id","id")
);

-- CreateIndex
CREATE INDEX "log_records_project_id_trace_id_span_id_idx" ON "log_records"("project_id", "trace_id", "span_id");

-- CreateIndex
CREATE INDEX "log_records_project_id_time_idx" ON "log_records"("project_id", "time");
