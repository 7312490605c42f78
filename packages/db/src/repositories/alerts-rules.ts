/**
 * Alert rules: per-project CRUD for the API and the engine's reads of enabled rules
 * (through the (project_id, enabled) index). Validation of kinds, thresholds and
 * configs is @onset/alerts' job; this module stores what it is given.
 */
import { randomUUID } from "node:crypto";
import { RULE_COLUMNS, toRuleRow, type AlertDb, type AlertRuleRow } from "./alerts-rows";

/** The writable fields of a rule: the row minus its identity and timestamps. */
export type AlertRuleFields = Omit<AlertRuleRow, "id" | "projectId" | "createdAt" | "updatedAt">;

/** SQL column of each writable field. */
const FIELD_COLUMNS: Record<keyof AlertRuleFields, string> = {
  name: "name",
  kind: "kind",
  threshold: "threshold",
  windowSec: "window_sec",
  scope: "scope",
  config: "config",
  webhookUrl: "webhook_url",
  webhookSecret: "webhook_secret",
  slackFormat: "slack_format",
  enabled: "enabled",
  renotifySec: "renotify_sec",
};

/** The project's rules, oldest first. */
export async function listAlertRules(db: AlertDb, projectId: string): Promise<AlertRuleRow[]> {
  const r = await db.query(`SELECT ${RULE_COLUMNS} FROM alert_rules WHERE project_id = $1 ORDER BY created_at, id`, [projectId]);
  return r.rows.map(toRuleRow);
}

/** How many rules the project has. */
export async function countAlertRules(db: AlertDb, projectId: string): Promise<number> {
  const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM alert_rules WHERE project_id = $1`, [projectId]);
  return r.rows[0]?.n ?? 0;
}

/** One rule of the project, or null. */
export async function getAlertRule(db: AlertDb, projectId: string, id: string): Promise<AlertRuleRow | null> {
  const r = await db.query(`SELECT ${RULE_COLUMNS} FROM alert_rules WHERE project_id = $1 AND id = $2`, [projectId, id]);
  return r.rows[0] ? toRuleRow(r.rows[0]) : null;
}

/** Stores a new rule. */
export async function insertAlertRule(db: AlertDb, projectId: string, f: AlertRuleFields): Promise<AlertRuleRow> {
  const r = await db.query(
    `INSERT INTO alert_rules (id, project_id, name, kind, threshold, window_sec, scope, config, webhook_url, webhook_secret,
       slack_format, enabled, renotify_sec, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now(), now())
     RETURNING ${RULE_COLUMNS}`,
    [
      randomUUID(),
      projectId,
      f.name,
      f.kind,
      f.threshold,
      f.windowSec,
      f.scope,
      JSON.stringify(f.config),
      f.webhookUrl,
      f.webhookSecret,
      f.slackFormat,
      f.enabled,
      f.renotifySec,
    ],
  );
  return toRuleRow(r.rows[0]);
}

/** Updates the given fields of a rule; null when the project has no such rule. */
export async function updateAlertRule(
  db: AlertDb,
  projectId: string,
  id: string,
  fields: Partial<AlertRuleFields>,
): Promise<AlertRuleRow | null> {
  const sets: string[] = [];
  const values: unknown[] = [projectId, id];
  for (const [key, value] of Object.entries(fields) as [keyof AlertRuleFields, unknown][]) {
    if (value === undefined || !(key in FIELD_COLUMNS)) continue;
    values.push(key === "config" ? JSON.stringify(value) : value);
    sets.push(`${FIELD_COLUMNS[key]} = $${values.length}`);
  }
  sets.push("updated_at = now()");
  const r = await db.query(
    `UPDATE alert_rules SET ${sets.join(", ")} WHERE project_id = $1 AND id = $2 RETURNING ${RULE_COLUMNS}`,
    values,
  );
  return r.rows[0] ? toRuleRow(r.rows[0]) : null;
}

/** Deletes a rule (its events and deliveries go with it); false when it did not exist. */
export async function deleteAlertRule(db: AlertDb, projectId: string, id: string): Promise<boolean> {
  const r = await db.query(`DELETE FROM alert_rules WHERE project_id = $1 AND id = $2`, [projectId, id]);
  return (r.rowCount ?? 0) > 0;
}

/**
 * Enabled rules, optionally only of some projects and some kinds (the ingest path asks
 * for the projects of a commit; the scheduler for the window kinds of every project).
 */
export async function listEnabledAlertRules(
  db: AlertDb,
  filter: { projectIds?: readonly string[]; kinds?: readonly string[] } = {},
): Promise<AlertRuleRow[]> {
  const where = ["enabled"];
  const values: unknown[] = [];
  if (filter.projectIds) {
    values.push([...filter.projectIds]);
    where.push(`project_id = ANY($${values.length}::text[])`);
  }
  if (filter.kinds) {
    values.push([...filter.kinds]);
    where.push(`kind = ANY($${values.length}::text[])`);
  }
  const r = await db.query(`SELECT ${RULE_COLUMNS} FROM alert_rules WHERE ${where.join(" AND ")} ORDER BY project_id, created_at, id`, values);
  return r.rows.map(toRuleRow);
}

/**
 * Each project's alert-rule version (a trigger bumps it on every insert, update or delete
 * of its rules; 0 for a project that never had a rule). The ingest path compares it on
 * every commit to know whether its cached rules are still the stored ones.
 */
export async function alertRuleVersions(db: AlertDb, projectIds: readonly string[]): Promise<Map<string, number>> {
  const r = await db.query<{ project_id: string; version: number }>(`SELECT project_id, version FROM alert_rule_versions WHERE project_id = ANY($1::text[])`, [[...projectIds]]);
  const out = new Map<string, number>(projectIds.map((id) => [id, 0]));
  for (const row of r.rows) out.set(row.project_id, row.version);
  return out;
}
