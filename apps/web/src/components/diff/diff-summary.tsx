"use client";
import Link from "next/link";
import { CLASSIFICATION_TEXT, classificationTitle, divergenceTypeText, GROUP_TEXT } from "@/lib/diff-labels";
import type { DiffResponse } from "@/lib/diff-types";
import { formatCost, formatTime, formatTokens } from "@/lib/format";
import styles from "./diff.module.css";

/** A label and a value in the facts grid. */
function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className={styles.fact} data-testid={testId}>
      <div className={styles.factLabel}>{label}</div>
      <div className={styles.factValue}>{children}</div>
    </div>
  );
}

/** Control-flow counts (docs/spec/run-diff.md §4) in words, flags as yes/no. */
function countRows(c: DiffResponse["counts"]): [string, number | boolean][] {
  return [
    ["Reroutes", c.reroutes],
    ["Extra routing cycles", c.extraRoutingCycles],
    ["Missing routing cycles", c.missingRoutingCycles],
    ["Tool calls added", c.toolCallsAdded],
    ["Tool calls removed", c.toolCallsRemoved],
    ["Tool failures introduced", c.toolFailuresIntroduced],
    ["Tool failures avoided", c.toolFailuresAvoided],
    ["Early termination", c.earlyTermination],
    ["Extended execution", c.extendedExecution],
    ["Total changes", c.totalChanges],
  ];
}

/** A d_norm as a bar and a number. */
function Score({ value, label, detail }: { value: number; label: string; detail: string }) {
  return (
    <div className={styles.score}>
      <span className={styles.scoreLabel}>{label}</span>
      <span className={styles.scoreBar}>
        <span style={{ width: `${Math.round(value * 100)}%` }} />
      </span>
      <span className={styles.scoreValue}>{value.toFixed(2)}</span>
      <span className="muted small">{detail}</span>
    </div>
  );
}

/** Classification, group, divergence score, t*, control-flow counts, per-dimension scores and the answers. */
export function DiffSummary({ diff: d }: { diff: DiffResponse }) {
  const meaning = CLASSIFICATION_TEXT[d.classification]?.meaning;
  const fd = d.firstDivergence;
  const cd = d.contentDivergence;
  const T = d.pairs.length;
  const costA = d.runs.a.costUsd;
  const costB = d.runs.b.costUsd;
  return (
    <div className={styles.summary}>
      <div className={`card ${styles.verdict} ${styles[`group_${d.group}`] ?? ""}`} data-testid="diff-classification">
        <div className={styles.verdictTitle}>{classificationTitle(d.classification)}</div>
        <div>
          <span className={styles.groupBadge} data-testid="diff-group">
            {GROUP_TEXT[d.group] ?? d.group}
          </span>
          <code className="muted small"> {d.classification}</code>
        </div>
        {meaning && <p className={styles.meaning}>{meaning}</p>}
        <p className={styles.meaning} data-testid="diff-plain">
          {cd
            ? `The runs take the same kinds of steps, but at step ${cd.step ?? "?"} (${Math.round(cd.relative * 100)}% of the way in) run B ${cd.kind === "decision" ? "decides differently and then calls the same tool with different arguments" : "calls the same tool with different arguments"}: that is where they start doing different things. ${fd ? `Their step sequences part later, at position ${fd.index + 1} of ${T}; overall they are ${Math.round(d.dNorm * 100)}% different.` : "Their step sequences never part."}`
            : fd
            ? `The runs take the same steps for the first ${fd.index} of ${T} aligned positions, then part (${Math.round(fd.relative * 100)}% of the way in). Overall their step sequences are ${Math.round(d.dNorm * 100)}% different.`
            : "The runs take the same steps in the same order."}
        </p>
        <div className={styles.facts}>
          <Fact label="How different (d_norm)" testId="diff-dnorm">
            {d.dNorm.toFixed(3)}
            {d.noiseFloor !== null && (
              <span className="muted small">
                {" "}
                (noise floor {d.noiseFloor.toFixed(3)}: {d.withinNoise ? "within noise" : "above noise"})
              </span>
            )}
          </Fact>
          {cd && (
            <Fact label="First divergence (content)" testId="diff-content-divergence">
              position {cd.index + 1} of {T}
              {cd.step !== null && <>, step {cd.step}</>}
              <div className="small">{cd.kind === "decision" ? "a different decision, then a different tool call" : "same tool, different arguments"}</div>
            </Fact>
          )}
          <Fact label={cd ? "Where the structure parts (t*)" : "Where they part (t*)"} testId="diff-tstar">
            {fd ? (
              <>
                position {fd.index + 1} of {T} (t*/T = {fd.relative.toFixed(2)}){fd.step !== null && <>, step {fd.step}</>}
                <div className="small">{divergenceTypeText(fd.type)}</div>
              </>
            ) : (
              "none: the runs are structurally identical"
            )}
          </Fact>
          <Fact label="Answer">{d.answerChanged ? "changed" : "unchanged"}</Fact>
          <Fact label="Steps A → B">
            {d.runs.a.steps} → {d.runs.b.steps}
          </Fact>
          <Fact label="Tokens A → B">
            {formatTokens(d.runs.a.tokens)} → {formatTokens(d.runs.b.tokens)}
            {d.tokenRatio !== null && <span className="muted small"> ({d.tokenRatio.toFixed(2)}×)</span>}
          </Fact>
          <Fact label="Cost A → B">
            {formatCost(costA)} → {formatCost(costB)}
          </Fact>
          <Fact label="Edits">
            {d.edits.substitutions} substituted · {d.edits.insertions} only in B · {d.edits.deletions} only in A
          </Fact>
        </div>
      </div>

      <div className={`card ${styles.counts}`} data-testid="diff-counts">
        <h2>Control flow</h2>
        <table className={styles.countTable}>
          <tbody>
            {countRows(d.counts).map(([label, v]) => (
              <tr key={label} className={v === 0 || v === false ? styles.zero : undefined}>
                <td>{label}</td>
                <td className={styles.num}>{typeof v === "boolean" ? (v ? "yes" : "no") : v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2 className={styles.subhead}>Per dimension</h2>
        <Score label="plan" value={d.dimensions.plan.dNorm} detail={`${d.dimensions.plan.lengthA} / ${d.dimensions.plan.lengthB} events`} />
        <Score label="tools" value={d.dimensions.tools.dNorm} detail={`${d.dimensions.tools.lengthA} / ${d.dimensions.tools.lengthB} events`} />
        <Score label="state" value={d.dimensions.state.dNorm} detail={`${d.dimensions.state.lengthA} / ${d.dimensions.state.lengthB} events`} />
        <details className={styles.glossary} data-testid="diff-glossary">
          <summary>What do these figures mean?</summary>
          <dl>
            <dt>d_norm (how different)</dt>
            <dd>
              How many steps must be changed, added or removed to turn run A&apos;s sequence of steps into run B&apos;s, divided by the longer
              sequence: 0 means the same steps in the same order, 1 means nothing in common. Below the noise floor (what repeated runs of the
              same task differ by), a difference is not worth reading.
            </dd>
            <dt>t* and t*/T (where they part)</dt>
            <dd>
              t* is the first aligned position where the runs do something different; T is the number of aligned positions. t*/T = 0.29 means
              the runs part 29% of the way in. It is structural: two runs that call the same tools in the same order with different content
              have no t* there (the table marks such steps &quot;content differs&quot;). When the runs ended differently, the first such step
              whose tool call got different arguments (or the decision just before it, when that reads differently too) is shown as the
              first divergence, marked ≈, with t* still given.
            </dd>
            <dt>plan, tools, state</dt>
            <dd>
              The same score on one kind of step each: plan = which agent acts and hands over to whom; tools = which tools are called, with what
              arguments; state = which files change and which checks pass or fail.
            </dd>
            <dt>Control flow</dt>
            <dd>Counts of what changed between the runs&apos; routes: reroutes (a different agent took over), skipped or added steps, loops, early stops.</dd>
          </dl>
          <p className="small muted">Method: docs/spec/run-diff.md (edit distance over typed step events, Hirschberg alignment).</p>
        </details>
      </div>

      {d.mode === "baseline" && (
        <div className={`card ${styles.baselines}`} data-testid="diff-baselines">
          <h2>Baseline group{d.baseline.auto ? " (recent successful runs of the task)" : ""}</h2>
          <p className="small">
            {d.baseline.noiseFloor === null
              ? "One baseline: no noise floor (it needs two clean runs to compare with each other)."
              : `Noise floor ${d.baseline.noiseFloor.toFixed(3)} (largest d_norm between the baselines). This run is ${d.baseline.withinNoise ? "within" : "above"} it.`}
          </p>
          <table className={styles.countTable}>
            <tbody>
              {d.baseline.runs.map((r) => (
                <tr key={r.traceId}>
                  <td>
                    <Link href={`/runs/${encodeURIComponent(r.traceId)}`}>{r.name ?? r.traceId}</Link>
                    <span className="muted small"> {formatTime(r.startTime)}</span>
                    {r.traceId === d.baseline.closestTraceId && <span className="badge"> closest (side A)</span>}
                  </td>
                  <td className={styles.num}>{r.dNorm.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className={`card ${styles.answers}`}>
        <h2>Final answers</h2>
        <div className={styles.answerCols}>
          <div>
            <div className={styles.factLabel}>A</div>
            <p className={styles.answerText}>{d.runs.a.answer ?? <span className="muted">no final answer</span>}</p>
          </div>
          <div>
            <div className={styles.factLabel}>B</div>
            <p className={styles.answerText}>{d.runs.b.answer ?? <span className="muted">no final answer</span>}</p>
          </div>
        </div>
      </div>
    </div>
  );
}
