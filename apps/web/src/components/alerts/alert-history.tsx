"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { apiGet } from "@/lib/api-client";
import { formatTime } from "@/lib/format";
import { LoadMoreButton } from "../load-more-button";
import type { EventsResponse } from "@/contracts/alerts";
import { alertKeys } from "./alerts-api";
import { attemptLabel, groupDeliveries } from "./delivery-log";
import { eventRunHref, eventStatusLabel, formatRuleValue } from "./rule-form-model";
import styles from "./alerts.module.css";
import { QueryStatus } from "../query-status";
import { TableHead } from "../table-head";

const STATUS_CLASS = { fired: "status-error", firing: "status-error", resolved: "status-ok", test: "" } as const;

/** Fired alerts, newest first, with links to the run and span and every delivery attempt. */
export function AlertHistory({ ruleId, onClearFilter }: { ruleId: string | undefined; onClearFilter: () => void }) {
  const query = useInfiniteQuery({
    queryKey: alertKeys.events(ruleId),
    queryFn: ({ pageParam }) => apiGet<EventsResponse>("/alerts/events", { ruleId, limit: 25, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 5_000,
  });
  const events = query.data?.pages.flatMap((p) => p.events) ?? [];

  return (
    <section className={styles.section}>
      <div className={styles.heading}>
        <h2>History</h2>
        {ruleId && (
          <button className={styles.secondary} onClick={onClearFilter}>
            Show all rules
          </button>
        )}
      </div>
      <QueryStatus query={query} loading="Loading history…" failed="Could not load the history" />
      {query.isSuccess && events.length === 0 && <p className="muted">Nothing has fired{ruleId ? " for this rule" : ""} yet.</p>}
      {events.length > 0 && (
        <table data-testid="alert-history">
          <TableHead columns={["Fired", "Rule", "Status", "Value", "What happened", "Run", "Deliveries"]} />
          <tbody>
            {events.map((e) => {
              const status = eventStatusLabel(e);
              const href = eventRunHref(e);
              return (
                <tr key={e.id} data-testid="alert-event">
                  <td className={styles.nowrap}>{formatTime(e.firedAt)}</td>
                  <td>
                    {e.ruleName}
                    <div className="muted small">{e.ruleKind}</div>
                  </td>
                  <td>
                    <span className={`badge ${STATUS_CLASS[status]}`}>{status}</span>
                    {e.resolvedAt && status === "resolved" && <div className="muted small">{formatTime(e.resolvedAt)}</div>}
                  </td>
                  <td className={styles.nowrap}>
                    {formatRuleValue(e.ruleKind, {}, e.value)}
                    <div className="muted small">threshold {formatRuleValue(e.ruleKind, {}, e.threshold)}</div>
                  </td>
                  <td className={styles.message}>{e.message}</td>
                  <td>
                    {href ? (
                      <Link href={href} data-testid="event-run-link">
                        {e.spanId ? "Open span" : "Open run"}
                      </Link>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    {groupDeliveries(e.deliveries).map((g) => (
                      <div key={g.notificationId} className={styles.delivery} data-testid="delivery">
                        <span className="small muted">{g.type}:</span>{" "}
                        {g.attempts.map((d) => (
                          <span key={d.id} className={`${styles.attempt} ${styles[d.state] ?? ""}`} title={d.error ?? undefined}>
                            {attemptLabel(d)}
                          </span>
                        ))}
                      </div>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {query.hasNextPage && (
        <LoadMoreButton loading={query.isFetchingNextPage} onClick={() => query.fetchNextPage()} />
      )}
    </section>
  );
}
