/**
 * How a caller times the phases of a read (database, analysis, storing): the web app
 * passes one that feeds its `Server-Timing` header; without one a phase just runs.
 */

/** Runs `fn` as the phase `phase`, timing it however the caller likes. */
export type PhaseTimer = <T>(phase: string, fn: () => Promise<T> | T) => Promise<T>;

/** The timer used when the caller gives none: runs the phase untimed. */
export const untimed: PhaseTimer = async (_phase, fn) => fn();
