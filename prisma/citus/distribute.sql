-- Onset on Citus: run once on the coordinator, after Onset's migrations, before traffic.
--
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f prisma/citus/distribute.sql
--
-- NOT TESTED HERE: the development machines have no Citus (docs/scaling.md says so).
-- Written from the schema (prisma/schema.prisma) and Citus's rules: a distributed table's
-- primary key and unique indexes must contain the distribution column, and a distributed
-- table may have foreign keys only to reference tables or to colocated distributed
-- tables on the distribution column.
--
-- What grows with traffic and is keyed (project_id, ...) is distributed by project_id,
-- all colocated with traces so a run's rows and its spans live on one worker node and
-- every per-project query is routed to one node. The small tables are reference tables
-- (a copy on every node). pg-boss's `pgboss` schema and `_prisma_migrations` stay local
-- to the coordinator.

BEGIN;

CREATE EXTENSION IF NOT EXISTS citus;

-- Reference tables, parents before children (foreign keys between them are kept).
SELECT create_reference_table('users');
SELECT create_reference_table('projects');
SELECT create_reference_table('sessions');
SELECT create_reference_table('api_keys');
SELECT create_reference_table('memberships');
SELECT create_reference_table('invites');
-- Global prices have project_id NULL: not distributable by it; the table is small.
SELECT create_reference_table('model_prices');
-- Alert tables have `id` primary keys (not led by project_id): reference tables until
-- their volume asks for (project_id, id) keys, a schema change made in a migration first.
SELECT create_reference_table('alert_rules');
SELECT create_reference_table('alert_rule_versions');
SELECT create_reference_table('alert_events');
SELECT create_reference_table('alert_deliveries');

-- Distributed by project_id, colocated with traces. spans is range-partitioned by
-- start_time; distributing the parent distributes its partitions (spans_default too).
SELECT create_distributed_table('traces', 'project_id');
SELECT create_distributed_table('spans', 'project_id', colocate_with => 'traces');
SELECT create_distributed_table('trace_analyses', 'project_id', colocate_with => 'traces');
SELECT create_distributed_table('run_verdicts', 'project_id', colocate_with => 'traces');
SELECT create_distributed_table('log_records', 'project_id', colocate_with => 'traces');

COMMIT;
