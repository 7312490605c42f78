/** model_prices: the seeded global table, per-project overrides, unpriced models. */
import { randomUUID } from "node:crypto";
import type { Pool } from "pg";
import { genaiPriceRows } from "../pricing/genai-prices-seed";
import { modelPatternProblem } from "../pricing/model-pattern";
import type { PriceRow } from "../pricing/price-table";

const COLS = `id, project_id AS "projectId", provider, model_pattern AS "modelPattern", model_name AS "modelName",
  input_per_mtok AS "inputPerMtok", output_per_mtok AS "outputPerMtok", cache_read_per_mtok AS "cacheReadPerMtok",
  cache_write_per_mtok AS "cacheWritePerMtok", reasoning_per_mtok AS "reasoningPerMtok",
  effective_from AS "effectiveFrom", effective_to AS "effectiveTo", priority, source`;

/** Replaces the seeded global rows with the bundled @pydantic/genai-prices data. */
export async function seedGenaiPrices(pool: Pool): Promise<number> {
  const rows = genaiPriceRows();
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Processes starting together (collectors and web of a scaled deployment) seed one
    // after another, else the second's DELETE misses the first's rows and its INSERT collides.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('onset:seed-genai-prices'))`);
    await client.query(`DELETE FROM model_prices WHERE source = 'genai-prices' AND project_id IS NULL`);
    const chunk = 500;
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      await client.query(
        `INSERT INTO model_prices (id, project_id, provider, model_pattern, model_name, input_per_mtok, output_per_mtok,
           cache_read_per_mtok, cache_write_per_mtok, reasoning_per_mtok, effective_from, effective_to, source, priority)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, project_id text, provider text, model_pattern text,
           model_name text, input_per_mtok float8, output_per_mtok float8, cache_read_per_mtok float8,
           cache_write_per_mtok float8, reasoning_per_mtok float8, effective_from timestamptz, effective_to timestamptz,
           source text, priority int)`,
        [
          JSON.stringify(
            part.map((r) => ({
              id: r.id,
              project_id: null,
              provider: r.provider,
              model_pattern: r.modelPattern,
              model_name: r.modelName,
              input_per_mtok: r.inputPerMtok,
              output_per_mtok: r.outputPerMtok,
              cache_read_per_mtok: r.cacheReadPerMtok,
              cache_write_per_mtok: r.cacheWritePerMtok,
              reasoning_per_mtok: r.reasoningPerMtok,
              effective_from: r.effectiveFrom.toISOString(),
              effective_to: r.effectiveTo?.toISOString() ?? null,
              source: "genai-prices",
              priority: r.priority,
            })),
          ),
        ],
      );
    }
    await client.query("COMMIT");
    return rows.length;
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}

/** Every price row (global and all projects'), for the in-memory PriceTable. */
export async function loadPriceRows(pool: Pool): Promise<PriceRow[]> {
  const r = await pool.query<PriceRow>(`SELECT ${COLS} FROM model_prices`);
  return r.rows;
}

/** A row as listed to users. */
export type PriceListing = PriceRow & { source: string };

/** Most rows one price listing returns (the bundled table has more: a search narrows it). */
export const MAX_PRICE_LISTING = 500;

/** Prices visible to a project: its overrides first, then the global table; at most `limit` (capped at MAX_PRICE_LISTING). */
export async function listPrices(pool: Pool, projectId: string, q?: string, limit: number = MAX_PRICE_LISTING): Promise<PriceListing[]> {
  const r = await pool.query<PriceListing>(
    `SELECT ${COLS} FROM model_prices WHERE (project_id = $1 OR project_id IS NULL)
       AND ($2::text IS NULL OR model_name ILIKE '%' || $2 || '%' OR model_pattern ILIKE '%' || $2 || '%')
     ORDER BY project_id NULLS LAST, priority LIMIT $3`,
    [projectId, q ?? null, Math.min(Math.max(1, Math.floor(limit)), MAX_PRICE_LISTING)],
  );
  return r.rows;
}

/** Input of a per-project price override. */
export interface PriceOverrideInput {
  modelPattern: string;
  modelName: string;
  provider?: string | null;
  inputPerMtok: number;
  outputPerMtok: number;
  cacheReadPerMtok?: number | null;
  cacheWritePerMtok?: number | null;
  reasoningPerMtok?: number | null;
  effectiveFrom?: Date;
  effectiveTo?: Date | null;
}

/** Adds a project override (wins over the global table for matching models). */
export async function createPriceOverride(pool: Pool, projectId: string, p: PriceOverrideInput): Promise<string> {
  // Only linear-time (RE2) patterns are stored: callers map this SyntaxError to 400.
  const problem = modelPatternProblem(p.modelPattern);
  if (problem) throw new SyntaxError(problem);
  const id = randomUUID();
  await pool.query(
    `INSERT INTO model_prices (id, project_id, provider, model_pattern, model_name, input_per_mtok, output_per_mtok,
       cache_read_per_mtok, cache_write_per_mtok, reasoning_per_mtok, effective_from, effective_to, source, priority)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,'override',0)`,
    [
      id,
      projectId,
      p.provider ?? null,
      p.modelPattern,
      p.modelName,
      p.inputPerMtok,
      p.outputPerMtok,
      p.cacheReadPerMtok ?? null,
      p.cacheWritePerMtok ?? null,
      p.reasoningPerMtok ?? null,
      p.effectiveFrom ?? new Date(0),
      p.effectiveTo ?? null,
    ],
  );
  return id;
}

/** Deletes a project override; false when it is not the project's. */
export async function deletePriceOverride(pool: Pool, projectId: string, id: string): Promise<boolean> {
  const r = await pool.query(`DELETE FROM model_prices WHERE id = $1 AND project_id = $2`, [id, projectId]);
  return (r.rowCount ?? 0) > 0;
}

/** Models a project used with tokens but no price (never silently $0). */
export async function listUnpricedModels(
  pool: Pool,
  projectId: string,
): Promise<{ model: string; spans: number; inputTokens: number; outputTokens: number; lastSeen: Date }[]> {
  const r = await pool.query(
    `SELECT model, count(*)::int AS spans, coalesce(sum(input_tokens),0)::bigint AS "inputTokens",
            coalesce(sum(output_tokens),0)::bigint AS "outputTokens", max(start_time) AS "lastSeen"
       FROM spans WHERE project_id = $1 AND model IS NOT NULL AND cost_usd IS NULL
        AND coalesce(input_tokens,0) + coalesce(output_tokens,0) > 0
      GROUP BY model ORDER BY spans DESC LIMIT 200`,
    [projectId],
  );
  return r.rows;
}
