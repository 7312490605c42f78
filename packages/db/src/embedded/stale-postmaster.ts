/**
 * A previous Onset that was killed (SIGKILL, power loss) can leave its postgres running
 * or a stale postmaster.pid behind. Stop a live one so this start can take the cluster.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

/** Stops a postgres still running on `clusterDir` from an earlier, killed start. */
export async function stopStalePostmaster(clusterDir: string, timeoutMs = 15_000): Promise<void> {
  const pid = await postmasterPid(clusterDir);
  if (pid === null) return; // clean shutdown last time, or a stale file postgres replaces itself
  process.kill(pid, "SIGINT"); // fast shutdown
  if (!(await exited(pid, timeoutMs))) throw new Error(`postgres (pid ${pid}) from an earlier start on ${clusterDir} did not stop`);
}

/**
 * Waits until the postmaster `pid` is gone: first for its own shutdown, then after a
 * fast-shutdown signal. Throws when it is still running after both.
 */
export async function awaitPostmasterExit(pid: number, timeoutMs = 30_000): Promise<void> {
  if (await exited(pid, timeoutMs / 2)) return;
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return; // gone between the check and the signal
  }
  if (!(await exited(pid, timeoutMs / 2))) throw new Error(`postgres (pid ${pid}) did not stop`);
}

async function exited(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/** The pid of a live postmaster on `clusterDir`, or null. */
export async function postmasterPid(clusterDir: string): Promise<number | null> {
  try {
    const first = (await readFile(path.join(clusterDir, "postmaster.pid"), "utf8")).split("\n")[0] ?? "";
    const pid = Number.parseInt(first, 10);
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** True when a process with `pid` exists (even if owned by another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
