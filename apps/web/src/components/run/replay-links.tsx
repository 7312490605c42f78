"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReplayLinksResponse } from "@/contracts/run";
import { apiGet } from "@/lib/api-client";
import { formatTime } from "@/lib/format";
import { useProjectHref } from "../use-project-href";
import styles from "./run.module.css";

/**
 * The run's replay links (GET /runs/{traceId}/replays): "Replay of <original>" with a
 * comparison of the two when this run carries `onset.replay.of`, and the runs that
 * replay this one, each with its comparison. Nothing when there are none. Names are
 * span content: rendered as text.
 */
export function ReplayLinks({ traceId }: { traceId: string }) {
  const href = useProjectHref();
  const q = useQuery({ queryKey: ["replays", traceId], queryFn: () => apiGet<ReplayLinksResponse>(`/runs/${encodeURIComponent(traceId)}/replays`) });
  if (!q.data || (!q.data.replayOf && q.data.replays.length === 0)) return null;
  const { replayOf, replays } = q.data;
  const compare = (original: string, replay: string) => href(`/diff?a=${encodeURIComponent(original)}&b=${encodeURIComponent(replay)}`);
  return (
    <div className={`small ${styles.note}`} data-testid="replay-links">
      {replayOf && (
        <p data-testid="replay-of">
          Replay of{" "}
          {replayOf.run ? (
            <>
              <Link href={href(`/runs/${encodeURIComponent(replayOf.traceId)}`)}>{replayOf.run.name ?? replayOf.traceId}</Link> ({replayOf.run.status}) ·{" "}
              <Link href={compare(replayOf.traceId, traceId)} data-testid="compare-with-original">
                Compare with the original
              </Link>
            </>
          ) : (
            <span title="not a run of this project">{replayOf.traceId} (not found in this project)</span>
          )}
        </p>
      )}
      {replays.length > 0 && (
        <div data-testid="replays">
          {replays.length === 1 ? "1 replay" : `${replays.length} replays`} of this run:
          <ul>
            {replays.map((r) => (
              <li key={r.traceId} data-testid="replay-row">
                <Link href={href(`/runs/${encodeURIComponent(r.traceId)}`)}>{r.name ?? r.traceId}</Link> ({r.status}, {formatTime(r.startTime)}) ·{" "}
                <Link href={compare(traceId, r.traceId)}>Compare</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
