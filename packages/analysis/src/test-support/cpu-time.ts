/** CPU time (user + system) one call takes, in milliseconds: hostile-input tests bound it. */
export function cpuMs(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}
