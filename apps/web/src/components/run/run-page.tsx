"use client";
import { useQuery } from "@tanstack/react-query";
import type { SpanFacts } from "@onset/db";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useCallback, useDeferredValue, useEffect, useMemo } from "react";
import { apiGet, ApiClientError } from "@/lib/api-client";
import type { BreakdownResponse, DiagnosisResponse, OutlineResponse, PageStep } from "@/contracts/run";
import { diagnosisReserve } from "@/lib/run-diagnosis-reserve";
import type { RunTab } from "@/lib/run-tabs";
import { spansForDagNode } from "@/lib/run-dag-filter";
import { runMarkers } from "@/lib/run-markers";
import { decodeOutline } from "@onset/analysis-service/outline-codec";
import { runOutlinePath } from "@/lib/run-outline-path";
import { buildDisplayTree, keepForSpans } from "@/lib/run-tree-rows";
import { timeScale } from "@/lib/run-waterfall";
import { DiagnosisPanel } from "./diagnosis-panel";
import { JudgePanel } from "./judge-panel";
import { RunHeader } from "./run-header";
import { PaneResizer, usePaneWidth } from "./pane-resizer";
import { RunTree } from "./run-tree";
import { SpanDetail, type SpanDetailContext } from "./span-detail";
import { runViewHref, useRunUrl } from "./use-run-url";
import { VerdictBar } from "./verdict-bar";
import styles from "./run.module.css";

// The graph and chart libraries load only when their tab is opened.
const DagView = dynamic(() => import("./dag-view").then((m) => m.DagView), {
  ssr: false,
  loading: () => <p className="muted">Loading the graph…</p>,
});
const CostView = dynamic(() => import("./cost-view").then((m) => m.CostView), {
  ssr: false,
  loading: () => <p className="muted">Loading the charts…</p>,
});

const TAB_NAMES: Record<RunTab, string> = { tree: "Tree", dag: "Graph", cost: "Cost" };

// A missing run or a bad id will not change on retry; a server hiccup might.
const retryServerErrors = (failures: number, error: Error) => failures < 1 && !(error instanceof ApiClientError && error.status < 500);

/**
 * The run page: header, outcome and verdict, diagnosis, and the tree / DAG / cost tabs;
 * all view state in the URL. Two reads: the run's outline (summary, span tree, span
 * facts; no content, nothing analyzed) draws the header and the tree at once, and the
 * diagnosis (the page's part of the analysis, computed on first open) fills in the
 * verdict, the diagnosis, the step and stage rows and the markers when it arrives.
 */
export function RunPage({ traceId }: { traceId: string }) {
  const url = useRunUrl();
  const id = encodeURIComponent(traceId);
  const q = useQuery({
    queryKey: ["run-outline", traceId],
    queryFn: async (): Promise<RunOutlineView> => {
      const r = await apiGet<OutlineResponse>(runOutlinePath(traceId));
      performance.mark("onset:outline-parsed");
      const decoded = timedStep("onset:outline-decode", () => decodeOutline(r.outline));
      return { run: r.run, ...decoded };
    },
    // A run still receiving spans is re-read.
    refetchInterval: (query) => (query.state.data?.run.status === "unset" ? 10_000 : false),
    retry: retryServerErrors,
  });
  const d = useQuery({
    queryKey: ["run-analysis", traceId],
    queryFn: () => apiGet<DiagnosisResponse>(`/runs/${id}/diagnosis`),
    // Asked once the outline is drawn: the tree comes first, and the server is not busy
    // reading the analysis while it serves the outline.
    enabled: q.isSuccess,
    // The server recomputes only when the run's span count moved.
    refetchInterval: (query) => (query.state.data?.run.status === "unset" ? 10_000 : false),
    retry: retryServerErrors,
  });
  // The diagnosis re-groups the tree (step and stage rows), marks it and draws its cards:
  // a render of its own that React may interrupt, so a click or key press on the tree
  // drawn from the outline is answered first instead of waiting for it.
  const diagnosis = useDeferredValue(d.data);

  if (q.isPending) {
    return (
      <section className={styles.page} aria-busy="true">
        <p className="muted" data-testid="run-loading">
          Loading the run…
        </p>
        <div className={styles.skeleton} />
      </section>
    );
  }
  if (q.isError) return <RunError error={q.error} traceId={traceId} retry={() => q.refetch()} />;
  return <RunView traceId={traceId} outline={q.data} diagnosis={diagnosis} diagnosisError={d.error} retryDiagnosis={() => d.refetch()} url={url} />;
}

const NO_MARKS = { onset: null, chain: [], loops: [], labels: [] };

/** The outline as the page uses it: decoded from its columns. */
type RunOutlineView = { run: OutlineResponse["run"] } & ReturnType<typeof decodeOutline>;

/** Runs `fn` as a named User Timing measure (the browser's performance panel and the run page benchmark read them). */
function timedStep<T>(name: string, fn: () => T): T {
  const start = performance.now();
  try {
    return fn();
  } finally {
    performance.measure(name, { start, end: performance.now() });
  }
}

interface RunViewProps {
  traceId: string;
  outline: RunOutlineView;
  /** Undefined until the diagnosis arrives (or when it failed). */
  diagnosis: DiagnosisResponse | undefined;
  diagnosisError: Error | null;
  retryDiagnosis: () => void;
  url: ReturnType<typeof useRunUrl>;
}

function RunView({ traceId, outline, diagnosis, diagnosisError, retryDiagnosis, url }: RunViewProps) {
  // The step and stage rows: from the outline when it was stored with the run's analysis
  // (drawn at once; the diagnosis arriving later does not re-group the tree), else from
  // the diagnosis when it arrives.
  const groups = outline.groups ?? diagnosis;
  const tree = useMemo(
    () =>
      timedStep("onset:display-tree", () =>
        buildDisplayTree({ tree: outline.tree, agents: groups?.agents ?? [], stages: groups?.stages ?? [], steps: groups?.steps ?? [] }),
      ),
    [outline.tree, groups],
  );
  const hierarchy = useMemo(() => ({ tree: outline.tree, agents: diagnosis?.agents ?? [], steps: diagnosis?.steps ?? [] }), [outline.tree, diagnosis]);
  const marks = useMemo(() => runMarkers(diagnosis ?? NO_MARKS), [diagnosis]);
  const facts = useMemo(() => new Map<string, SpanFacts>(outline.spans.map((f) => [f.spanId, f])), [outline.spans]);
  const scale = useMemo(() => timeScale(outline.tree.root.startTimeMs, outline.tree.root.endTimeMs), [outline.tree.root]);
  const context = useMemo<SpanDetailContext>(() => {
    const stepOfSpan = new Map<string, PageStep>();
    for (const s of hierarchy.steps) for (const id of s.spanIds) stepOfSpan.set(id, s);
    const onset = diagnosis?.onset;
    return {
      marks,
      stepOfSpan,
      labelByStep: marks.labelByStep,
      onsetEvidence: onset ? { stepId: onset.stepId, confidence: onset.confidence, evidence: onset.evidence } : null,
    };
  }, [hierarchy, diagnosis, marks]);
  const keep = useMemo(
    () => (url.filter ? keepForSpans(tree, spansForDagNode(url.filter, hierarchy, outline.spans)) : null),
    [url.filter, tree, hierarchy, outline.spans],
  );
  const filterNode = url.filter ? diagnosis?.dag.nodes.find((n) => n.id === url.filter) : undefined;

  const reserve = diagnosisReserve(outline.run);
  const [paneWidth, setPaneWidth] = usePaneWidth();
  const { set } = url;
  const selectSpan = useCallback((spanId: string, opts?: { replace?: boolean }) => set({ span: spanId, tab: "tree" }, opts), [set]);
  // Escape closes the detail pane (unless a text field or a dialog has the key).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key !== "Escape" || e.defaultPrevented || (t && ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      if (new URLSearchParams(window.location.search).has("span")) set({ span: null });
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [set]);
  const selected = url.span;
  const selectedKnown = selected !== null && tree.byId.has(selected);
  const hiddenByFilter = selectedKnown && keep !== null && !keep.has(selected);

  return (
    <section className={styles.page} data-testid="run-page" data-analysis={diagnosis ? "done" : diagnosisError ? "failed" : "pending"}>
      <RunHeader run={outline.run} cached={diagnosis?.cached} stored={outline.groups !== null} />
      {/* One area for the verdict bar and cards: while the diagnosis loads it holds about their height, so the tree does not move when they come. */}
      <div className={styles.diagnosisArea} data-reserve={diagnosis || diagnosisError ? undefined : reserve} data-testid="diagnosis-area">
        {diagnosis ? (
          <>
            <VerdictBar traceId={traceId} analysis={diagnosis} />
            <DiagnosisPanel analysis={diagnosis} rootSpanId={outline.run.rootSpanId} onSelectSpan={selectSpan} />
            <JudgePanel traceId={traceId} steps={diagnosis.steps} onSelectSpan={selectSpan} />
          </>
        ) : diagnosisError ? (
          <p role="alert" className="error" data-testid="diagnosis-error">
            Could not load the diagnosis: {diagnosisError.message}.{" "}
            <button type="button" className="link-button" onClick={retryDiagnosis}>
              Try again
            </button>
          </p>
        ) : (
          <>
            <div className={`card ${styles.verdictBar} ${styles.diagnosisSkeleton}`} aria-busy="true">
              <p className="muted small" data-testid="diagnosis-loading">
                {outline.groups
                  ? "Loading the diagnosis: where the run went wrong appears here and is marked in the tree when it arrives. The tree and span details can be used meanwhile."
                  : "Analysing the run: the diagnosis, steps and stages appear here and in the tree when it is done. The tree and span details can be used meanwhile."}
              </p>
            </div>
            <div className={`${reserve === "line" ? "" : "card "}${styles.diagnosisSkeleton} ${styles.skeletonCards}`} aria-hidden="true" />
          </>
        )}
      </div>
      <nav className={styles.tabs} role="tablist" aria-label="Run views">
        {(Object.keys(TAB_NAMES) as RunTab[]).map((tab) => (
          <a
            key={tab}
            role="tab"
            aria-selected={url.tab === tab}
            className={url.tab === tab ? styles.tabActive : styles.tab}
            href={runViewHref({ tab, span: url.span, filter: url.filter })}
            onClick={(e) => {
              e.preventDefault();
              set({ tab });
            }}
            data-testid={`tab-${tab}`}
          >
            {TAB_NAMES[tab]}
          </a>
        ))}
      </nav>

      {url.tab === "tree" && (
        <div className={styles.treeTab} style={{ gridTemplateColumns: `minmax(0, 1fr) ${paneWidth}px` }}>
          <div className={styles.treePane}>
            {url.filter && (
              <p className={styles.filterBar} data-testid="tree-filter">
                Showing the spans of {filterNode ? `${filterNode.kind} ` : ""}
                <strong>{filterNode?.name ?? url.filter}</strong>
                {keep && keep.size === 0 && " (none in this run)"}{" "}
                <button type="button" className="link-button" onClick={() => set({ filter: null })}>
                  Show all
                </button>
              </p>
            )}
            {tree.size === 0 ? (
              <p className="muted">This run has no spans yet.</p>
            ) : (
              <RunTree traceId={traceId} tree={tree} keep={keep} scale={scale} marks={marks} facts={facts} selectedSpanId={selected} onSelectSpan={selectSpan} />
            )}
            {hiddenByFilter && <p className="small muted">The selected span is hidden by the filter.</p>}
          </div>
          <div className={styles.detailColumn}>
          <PaneResizer width={paneWidth} onWidth={setPaneWidth} />
          {selected && selectedKnown ? (
            <SpanDetail traceId={traceId} spanId={selected} context={context} onSelectSpan={selectSpan} onClose={() => set({ span: null })} />
          ) : (
            <aside className={styles.detail} data-testid="span-detail-empty">
              {selected ? (
                <p role="alert" className="error">
                  Span {selected} is not part of this run. The link may point at another run; pick a row in the tree.
                </p>
              ) : (
                <p className="muted">Select a span in the tree to see its messages, tool call, attributes and events.</p>
              )}
            </aside>
          )}
          </div>
        </div>
      )}
      {url.tab === "dag" && (
        <div>
          <p className="muted small">
            Agents, tools and models of this run; boxes grow with cost and turn red with failures. Click a box to see its spans in the tree.
          </p>
          {diagnosis ? (
            <DagView dag={diagnosis.dag} activeNodeId={url.filter} onPickNode={(id) => set({ filter: id, tab: "tree", span: null })} />
          ) : (
            <p className="muted">The graph appears when the analysis is done…</p>
          )}
        </div>
      )}
      {url.tab === "cost" && <CostTab traceId={traceId} />}
    </section>
  );
}

/** The Cost tab: reads the breakdown when opened (it is not part of the page's first reads). */
function CostTab({ traceId }: { traceId: string }) {
  const q = useQuery({
    queryKey: ["run-breakdown", traceId],
    queryFn: () => apiGet<BreakdownResponse>(`/runs/${encodeURIComponent(traceId)}/breakdown`),
    retry: retryServerErrors,
  });
  if (q.isError) return <p role="alert" className="error">Could not load the cost breakdown: {q.error.message}</p>;
  if (q.isPending) return <p className="muted">Loading the cost breakdown…</p>;
  return <CostView breakdown={q.data.breakdown} />;
}

function RunError({ error, traceId, retry }: { error: Error; traceId: string; retry: () => void }) {
  const status = error instanceof ApiClientError ? error.status : 0;
  return (
    <section className={styles.page}>
      <div className="card" role="alert" data-testid="run-error">
        <h1>{status === 404 ? "Run not found" : "Could not load this run"}</h1>
        <p className="error">{error.message}</p>
        {status === 404 ? (
          <p>
            No run with trace id <code>{traceId}</code> in this project. It may belong to another project (switch it under Settings), or
            its spans have not arrived yet. <Link href="/runs">Back to the runs list</Link>.
          </p>
        ) : status === 400 ? (
          <p>
            The address does not hold a valid trace id (32 hex characters). <Link href="/runs">Back to the runs list</Link>.
          </p>
        ) : (
          <p>
            Check that Onset is running, then <button type="button" onClick={retry}>try again</button>. If it keeps failing, the server log
            has the details.
          </p>
        )}
      </div>
    </section>
  );
}
