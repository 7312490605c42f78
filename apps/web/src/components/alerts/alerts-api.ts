/**
 * The alerts page's server state: its react-query keys (requests go through
 * @/lib/api-client; the response shapes are contracts/alerts.ts').
 */

/** react-query keys of the page. */
export const alertKeys = {
  rules: ["alerts", "rules"] as const,
  events: (ruleId: string | undefined) => ["alerts", "events", { ruleId: ruleId ?? null }] as const,
  allEvents: ["alerts", "events"] as const,
};
