-- Alert rules reach every collector at the next commit (issue 17): a counter per project
-- that a trigger bumps on every insert, update or delete of that project's rules. The
-- ingest path's rule cache reads the counters of the projects in a commit and reloads a
-- project's rules when its counter moved, instead of trusting a TTL. The table matches
-- `prisma migrate diff` for the AlertRuleVersion model (schema-match.test.ts); the
-- function and trigger are outside Prisma's view.

-- CreateTable
CREATE TABLE "alert_rule_versions" (
    "project_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "alert_rule_versions_pkey" PRIMARY KEY ("project_id")
);

-- AddForeignKey
ALTER TABLE "alert_rule_versions" ADD CONSTRAINT "alert_rule_versions_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Bumps the project's counter. The row lock of the upsert orders concurrent edits of one
-- project; a project being deleted (its rules go by cascade) is skipped, not re-created.
CREATE FUNCTION "bump_alert_rule_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    pid TEXT := COALESCE(NEW."project_id", OLD."project_id");
BEGIN
    INSERT INTO "alert_rule_versions" ("project_id", "version")
    SELECT "id", 1 FROM "projects" WHERE "id" = pid
    ON CONFLICT ("project_id") DO UPDATE SET "version" = "alert_rule_versions"."version" + 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "alert_rules_bump_version"
AFTER INSERT OR UPDATE OR DELETE ON "alert_rules"
FOR EACH ROW EXECUTE FUNCTION "bump_alert_rule_version"();
