/**
 * Caches of what the ingest path reads on every commit: each project's enabled rules
 * (kept until the project's rule version moves: edits made by the web process, or by
 * any other process, apply to the next commit on every collector) and project names for
 * payloads (a TTL: a renamed project shows its old name for at most a minute).
 */
import { alertRuleVersions, listAlertProjects, listEnabledAlertRules, type AlertDb, type AlertProject, type AlertRuleRow } from "@onset/db";

/**
 * Enabled rules per project. Every read asks the database for the projects' rule
 * versions (one primary-key lookup) and reloads only the projects whose version moved;
 * a TTL was not enough: a run that ended within the TTL of its project's last check
 * never met a rule created meanwhile (issue 17).
 */
export class RuleCache {
  private readonly entries = new Map<string, { rules: AlertRuleRow[]; version: number }>();

  constructor(private readonly db: AlertDb) {}

  /** The enabled rules of each project, as stored when this call began. */
  async rulesFor(projectIds: readonly string[]): Promise<Map<string, AlertRuleRow[]>> {
    // The versions are read before the rules: a change committed in between costs a reload next time, never a stale list.
    const versions = await alertRuleVersions(this.db, projectIds);
    const stale = projectIds.filter((id) => this.entries.get(id)?.version !== versions.get(id));
    if (stale.length > 0) {
      const rows = await listEnabledAlertRules(this.db, { projectIds: stale });
      for (const id of stale) this.entries.set(id, { rules: [], version: versions.get(id)! });
      for (const r of rows) this.entries.get(r.projectId)!.rules.push(r);
    }
    return new Map(projectIds.map((id) => [id, this.entries.get(id)?.rules ?? []]));
  }

  /** Forgets everything (next read goes to the database). */
  clear(): void {
    this.entries.clear();
  }
}

/** Project names and slugs, refreshed after `ttlMs`. */
export class ProjectCache {
  private readonly entries = new Map<string, { project: AlertProject; at: number }>();

  constructor(
    private readonly db: AlertDb,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** A project (a placeholder with the id when it no longer exists). */
  async get(id: string): Promise<AlertProject> {
    const e = this.entries.get(id);
    if (e && this.now() - e.at < this.ttlMs) return e.project;
    const [p] = await listAlertProjects(this.db, [id]);
    const project = p ?? { id, slug: id, name: id };
    this.entries.set(id, { project, at: this.now() });
    return project;
  }
}

/** A set of recent keys, oldest dropped past `max` (what already fired, to skip the database). */
export class RecentKeys {
  private readonly keys = new Set<string>();

  constructor(private readonly max: number) {}

  /** Whether `key` was added and not yet dropped. */
  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Adds `key`. */
  add(key: string): void {
    this.keys.delete(key);
    this.keys.add(key);
    while (this.keys.size > this.max) this.keys.delete(this.keys.values().next().value!);
  }
}
