/** The parts `onset start --role` can run (docs/scaling.md). */

/** `all` is the single-process start; the others run one part against a shared DATABASE_URL. */
export const ROLES = ["all", "collector", "web", "worker"] as const;

/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];
