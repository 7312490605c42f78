/**
 * The set-up the alert tests over a real Postgres share: a fresh migrated database, a
 * pool and a Prisma client on it, and a webhook receiver on 127.0.0.1; `close` releases
 * all of it (call it in afterAll, or let useAlertsDatabase do both).
 */
import type { Pool, Prisma } from "@onset/db";
import { openDatabaseFixture, useFixture } from "@onset/db/test-support";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

/** What {@link openAlertsDatabase} opens. */
export interface AlertsDatabase {
  pool: Pool;
  prisma: Prisma;
  receiver: WebhookReceiver;
  close: () => Promise<void>;
}

/** Opens the database, its clients and the receiver; `poolSize` as createPool takes it. */
export async function openAlertsDatabase(poolSize?: number): Promise<AlertsDatabase> {
  const db = await openDatabaseFixture(poolSize);
  let receiver: WebhookReceiver | undefined;
  const close = async () => {
    await receiver?.close();
    await db.close();
  };
  try {
    receiver = await startWebhookReceiver();
    return { pool: db.pool, prisma: db.prisma, receiver, close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

/** An {@link AlertsDatabase} opened before the enclosing describe's tests and closed after them. */
export function useAlertsDatabase(poolSize?: number): AlertsDatabase {
  return useFixture(() => openAlertsDatabase(poolSize));
}
