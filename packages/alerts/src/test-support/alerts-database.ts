/**
 * The set-up the alert tests over a real Postgres share: a fresh migrated database, a
 * pool and a Prisma client on it, and a webhook receiver on 127.0.0.1; `close` releases
 * all of it (call it in afterAll).
 */
import { createPool, createPrisma, type Pool, type Prisma } from "@onset/db";
import { createTestDatabase } from "@onset/db/test-support";
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
  const db = await createTestDatabase();
  const pool = createPool(db.url, poolSize);
  const prisma = createPrisma(db.url);
  let receiver: WebhookReceiver | undefined;
  const close = async () => {
    await receiver?.close();
    await pool.end();
    await prisma.$disconnect();
    await db.drop();
  };
  try {
    receiver = await startWebhookReceiver();
    return { pool, prisma, receiver, close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}
