-- Replayed runs linked to their original (issue 18): a run carrying `onset.replay.of` =
-- <traceId> (a span or resource attribute) records it when analyzed, so the original
-- lists its replays by index. Written to match `prisma migrate diff` for Trace.replayOf;
-- schema-match.test.ts proves it.

-- AlterTable
ALTER TABLE "traces" ADD COLUMN     "replay_of" TEXT;

-- CreateIndex
CREATE INDEX "traces_project_id_replay_of_idx" ON "traces"("project_id", "replay_of");
