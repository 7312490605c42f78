import type { ReactNode } from "react";

/** The hint most read failures end with: the server is down or was restarted. */
export const RELOAD_HINT = "Check that Onset is running, then reload.";

/** What {@link QueryStatus} reads of a react-query result. */
export interface QueryState {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
}

/**
 * A read's waiting and failed states, the same way on every page: a muted `loading`
 * line while the query is pending; once it failed, an alert reading
 * "`failed`: <error message>. `hint`" (`failed` and `hint` are optional).
 */
export function QueryStatus({ query, loading, failed, hint }: { query: QueryState; loading: string; failed?: string; hint?: ReactNode }) {
  if (query.isPending) return <p className="muted">{loading}</p>;
  if (!query.isError || !query.error) return null;
  return (
    <p role="alert" className="error">
      {failed && `${failed}: `}
      {query.error.message}
      {hint && <>.{" "}{hint}</>}
    </p>
  );
}
