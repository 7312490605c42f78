/**
 * Next.js start-up hook (runs once when the server starts, before the first request).
 * Starts the store thread that analyzes a run on its first open, with its database pool
 * open, so the first cache miss after a start does not wait for the thread's start-up
 * (docs/adr/0010-first-open-analysis-in-a-thread.md).
 */
export async function register(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (process.env.NEXT_RUNTIME !== "nodejs" || !url) return;
  const { warmStoreThread } = await import("@onset/analysis-service");
  // Not awaited: the server answers meanwhile; a thread that fails to start is started again at the first miss.
  warmStoreThread(url).catch((err: unknown) => console.warn(`store thread warm-up failed: ${err instanceof Error ? err.message : String(err)}`));
}
