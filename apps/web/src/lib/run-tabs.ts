/** The run page's tabs (the response shapes it reads are in contracts/run.ts). */

/** Tabs of the run page, as they appear in `?tab=`. */
export const RUN_TABS = ["tree", "dag", "cost"] as const;
/** One tab of the run page. */
export type RunTab = (typeof RUN_TABS)[number];

/** Reads `?tab=`, falling back to the tree for anything unknown. */
export function parseRunTab(value: string | null): RunTab {
  return (RUN_TABS as readonly string[]).includes(value ?? "") ? (value as RunTab) : "tree";
}
