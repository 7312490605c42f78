/**
 * Run page benchmark: how long a 10,000-span run takes to become interactive in a real
 * browser. Starts nothing itself; expects a running Onset (`onset start`) and:
 *
 *   ONSET_URL            web app (default http://localhost:3000)
 *   ONSET_OTLP_URL       OTLP/HTTP endpoint (default http://localhost:4318)
 *   ONSET_API_KEY        project API key (to send the run and read the API)
 *   ONSET_ADMIN_EMAIL    admin login (the page needs a session)
 *   ONSET_ADMIN_PASSWORD
 *   BENCH_SPANS          size of the run to send (default 10000)
 *   BENCH_TRACE          measure this existing run instead of sending one
 *   BENCH_REPEATS        cached opens to time (default 5)
 *   BENCH_WAIT_S         seconds to wait after sending before the first open (default 0): with
 *                        the server's ONSET_ANALYSIS_QUIET_MS short, the background analysis has
 *                        then stored the run's analysis, as it has for most runs a user opens
 *   ONSET_CHROMIUM       browser binary (default /usr/bin/chromium)
 *
 * Sends the examples' `long` scenario through the real OTLP exporter, then times, per
 * open: navigation start -> first tree rows visible -> a click on a span row has its
 * detail panel showing the span ("interactive") -> the diagnosis has arrived (step rows,
 * markers). The tree is drawn from the run's outline; the first open's diagnosis includes
 * computing the analysis, the later ones read it from the per-run cache. Also reports
 * the payload sizes, how many rows are in the DOM (virtualization) and frame times while
 * scrolling the tree.
 *
 * Wall clock on a loaded machine says little, so each open also prints where its time
 * went, measured piece by piece: the page's HTML and scripts (navigation timing); each
 * endpoint's request as the browser saw it (resource timing: when asked and answered,
 * gzip and JSON bytes) with the server's own phases (its Server-Timing header: database,
 * analysis, JSON, and the process CPU the request used); the browser's main thread
 * parsing and decoding the outline and building the display tree (the page's User
 * Timing measures); and Chromium's main-thread CPU until interactive.
 *
 *   npx tsx apps/web/scripts/bench-run-page.ts
 */
import { loadavg } from "node:os";
import { chromium, type Page } from "@playwright/test";
import { runScenario } from "@onset/examples";

const web = (process.env.ONSET_URL ?? "http://localhost:3000").replace(/\/+$/, "");
const otlp = process.env.ONSET_OTLP_URL ?? "http://localhost:4318";
const apiKey = process.env.ONSET_API_KEY;
const email = process.env.ONSET_ADMIN_EMAIL;
const password = process.env.ONSET_ADMIN_PASSWORD;
const size = Number(process.env.BENCH_SPANS ?? 10_000);
const repeats = Number(process.env.BENCH_REPEATS ?? 5);

if (!apiKey || !email || !password) {
  console.error("set ONSET_API_KEY, ONSET_ADMIN_EMAIL and ONSET_ADMIN_PASSWORD (and ONSET_URL / ONSET_OTLP_URL if not the defaults)");
  process.exit(2);
}
const auth = { authorization: `Bearer ${apiKey}` };

async function sendRun(): Promise<string> {
  if (process.env.BENCH_TRACE) return process.env.BENCH_TRACE.toLowerCase();
  const t = performance.now();
  const run = await runScenario("long", { size, endpoint: otlp, headers: auth, protocol: "http/protobuf" });
  console.log(`sent ${run.exported.spans} spans (trace ${run.traceId}) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  // The collector acknowledges after commit; check the summary agrees before timing.
  const res = await fetch(`${web}/api/v1/runs/${run.traceId}`, { headers: auth });
  if (!res.ok) throw new Error(`GET /api/v1/runs/${run.traceId} answered ${res.status}`);
  return run.traceId;
}

/** Logs in; returns the project the app put in the address (its links carry it, so the run page is opened as a link from the app opens it). */
async function login(page: Page): Promise<string> {
  await page.goto(`${web}/login`);
  await page.getByLabel("Email").fill(email!);
  await page.getByLabel("Password").fill(password!);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/runs\?(.*&)?project=/);
  return new URL(page.url()).searchParams.get("project")!;
}

interface Open {
  /** The server computed the analysis for this open (the header says so), rather than reading its cache. */
  computed: boolean;
  rowsMs: number;
  interactiveMs: number;
  /** Until the diagnosis (the page's part of the analysis) was drawn. */
  diagnosisMs: number;
  domRows: number;
  totalRows: number;
  /** Tree rows (all expanded) when the rows first showed: fewer than `totalRows` when the diagnosis' step and stage rows came later (the tree jumped). */
  firstRows: number;
  /** Where the time went, read from the page (see {@link breakdown}). */
  parts: Parts;
}

/** One endpoint as the browser saw it: when asked and answered (ms from navigation start), bytes, the server's phases. */
interface Fetched {
  startMs: number;
  endMs: number;
  gzipBytes: number;
  jsonBytes: number;
  server: Record<string, number>;
}

/** The pieces of one open, measured separately (wall clock alone is unreliable on a loaded machine). */
interface Parts {
  /** HTML answered / page scripts run (DOMContentLoaded), ms from navigation start. */
  htmlMs: number;
  domReadyMs: number;
  outline: Fetched | null;
  diagnosis: Fetched | null;
  /** The clicked span's read. */
  span: Fetched | null;
  /** Browser main thread: parsing the outline's JSON, decoding its columns, building the display tree (each time), first tree drawn (ms from navigation start). */
  outlineParseMs: number | null;
  outlineDecodeMs: number | null;
  displayTreeMs: number[];
  treeDrawnMs: number | null;
  /** Main-thread CPU of the page until interactive (Chromium's TaskDuration / ScriptDuration). */
  mainThreadMs: number;
  scriptMs: number;
}

/** Reads the page's navigation, resource and User Timing entries and Chromium's main-thread totals. */
async function breakdown(page: Page, metrics: { TaskDuration: number; ScriptDuration: number }): Promise<Parts> {
  const p = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const fetched = (part: string) => {
      const r = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find((e) => new URL(e.name).pathname.includes(part));
      return r
        ? {
            startMs: r.startTime,
            endMs: r.responseEnd,
            gzipBytes: r.encodedBodySize,
            jsonBytes: r.decodedBodySize,
            server: Object.fromEntries(r.serverTiming.map((t) => [t.name, t.duration])),
          }
        : null;
    };
    const measure = (name: string) => performance.getEntriesByName(name, "measure").map((m) => m.duration);
    const mark = (name: string) => performance.getEntriesByName(name, "mark")[0]?.startTime ?? null;
    const outline = fetched("/outline");
    const parsed = mark("onset:outline-parsed");
    return {
      htmlMs: nav.responseEnd,
      domReadyMs: nav.domContentLoadedEventEnd,
      outline,
      diagnosis: fetched("/diagnosis"),
      span: fetched("/spans/"),
      outlineParseMs: outline && parsed !== null ? parsed - outline.endMs : null,
      outlineDecodeMs: measure("onset:outline-decode")[0] ?? null,
      displayTreeMs: measure("onset:display-tree"),
      treeDrawnMs: mark("onset:tree-drawn"),
    };
  });
  return { ...p, mainThreadMs: metrics.TaskDuration * 1000, scriptMs: metrics.ScriptDuration * 1000 };
}

/** One open of the run page in a fresh tab (no react-query cache). */
async function openRun(page: Page, traceId: string, project: string): Promise<Open> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const t0 = Date.now();
  await page.goto(`${web}/runs/${traceId}?project=${encodeURIComponent(project)}`, { waitUntil: "commit" });
  const rows = page.locator('[data-testid="run-tree"] [role="treeitem"][data-row-kind="span"]');
  await rows.first().waitFor({ state: "visible", timeout: 120_000 });
  const rowsMs = Date.now() - t0;
  const firstRows = Number(await page.locator('[data-testid="run-tree"]').getAttribute("data-row-count"));
  // Click a span row a few rows down (an LLM call or tool call) and wait for its detail.
  const row = rows.nth(Math.min(8, (await rows.count()) - 1));
  const spanId = await row.getAttribute("data-span-id");
  await row.click();
  await page.locator('[data-testid="span-detail-name"]').waitFor({ state: "visible", timeout: 60_000 });
  if (!page.url().includes(`span=${spanId}`)) throw new Error("the click did not select the span");
  const interactiveMs = Date.now() - t0;
  const { metrics } = await cdp.send("Performance.getMetrics");
  const main = Object.fromEntries(metrics.map((m) => [m.name, m.value])) as { TaskDuration: number; ScriptDuration: number };
  await page.locator('[data-testid="run-page"][data-analysis="done"]').waitFor({ state: "attached", timeout: 120_000 });
  const diagnosisMs = Date.now() - t0;
  const domRows = await page.locator('[data-testid="run-tree"] [role="treeitem"]').count();
  const totalRows = Number(await page.locator('[data-testid="run-tree"]').getAttribute("data-row-count"));
  const computed = (await page.getByText("analysis just computed").count()) > 0;
  return { computed, rowsMs, interactiveMs, diagnosisMs, domRows, totalRows, firstRows, parts: await breakdown(page, main) };
}

/** Scrolls the tree top to bottom in 40 steps, one per frame; returns frame-time stats. */
async function scrollFrames(page: Page): Promise<{ meanMs: number; p95Ms: number; maxMs: number }> {
  const times = await page.evaluate(async () => {
    const el = document.querySelector('[data-testid="run-tree"]') as HTMLElement;
    const frames: number[] = [];
    const step = (el.scrollHeight - el.clientHeight) / 40;
    let last = performance.now();
    for (let i = 1; i <= 40; i++) {
      el.scrollTop = step * i;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const now = performance.now();
      frames.push((now - last) / 2);
      last = now;
    }
    return frames;
  });
  const sorted = [...times].sort((a, b) => a - b);
  return {
    meanMs: times.reduce((s, t) => s + t, 0) / times.length,
    p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    maxMs: sorted[sorted.length - 1] ?? 0,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (n: number | null | undefined) => (n === null || n === undefined ? "-" : `${Math.round(n)} ms`);
const kb = (n: number) => `${(n / 1000).toFixed(0)} kB`;

/** One endpoint's line: wall time in the browser, bytes, the server's phases (Server-Timing). */
function fetchedLine(name: string, f: Fetched | null): string {
  if (!f) return `    ${name}: not read before interactive`;
  const server = Object.entries(f.server)
    .map(([k, v]) => `${k} ${ms(v)}`)
    .join(", ");
  return `    ${name}: asked at ${ms(f.startMs)}, answered ${ms(f.endMs)} (${ms(f.endMs - f.startMs)}); ${kb(f.gzipBytes)} gzip, ${kb(f.jsonBytes)} JSON; server: ${server}`;
}

/** Prints where one open's time went. */
function printParts(label: string, o: Open): void {
  const p = o.parts;
  console.log(`  ${label}: rows visible ${o.rowsMs} ms, interactive ${o.interactiveMs} ms, diagnosis drawn ${o.diagnosisMs} ms`);
  const jumped = o.firstRows !== o.totalRows ? "re-grouped when the diagnosis came: the tree jumped" : "drawn grouped: no jump";
  console.log(`    tree rows when first drawn ${o.firstRows}, after the diagnosis ${o.totalRows} (${jumped})`);
  console.log(`    page: HTML ${ms(p.htmlMs)}, scripts run (DOMContentLoaded) ${ms(p.domReadyMs)}, tree drawn ${ms(p.treeDrawnMs)}`);
  console.log(fetchedLine("outline", p.outline));
  console.log(fetchedLine("clicked span", p.span));
  console.log(fetchedLine("diagnosis", p.diagnosis));
  console.log(
    `    browser main thread: outline JSON parse ${ms(p.outlineParseMs)}, decode ${ms(p.outlineDecodeMs)}, display tree ${p.displayTreeMs.map(ms).join(" + ")}; main-thread CPU until interactive ${ms(p.mainThreadMs)} (script ${ms(p.scriptMs)})`,
  );
}

const loadAtStart = loadavg();
const traceId = await sendRun();
const waitS = Number(process.env.BENCH_WAIT_S ?? 0);
if (waitS > 0) {
  console.log(`waiting ${waitS} s before the first open`);
  await new Promise((r) => setTimeout(r, waitS * 1000));
}
const browser = await chromium.launch({
  executablePath: process.env.ONSET_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // tsx keeps function names with a `__name` helper that functions sent to page.evaluate call.
  await context.addInitScript("window.__name = (f) => f");
  const project = await login(await context.newPage());
  const opens: Open[] = [];
  for (let i = 0; i <= repeats; i++) {
    const page = await context.newPage();
    opens.push(await openRun(page, traceId, project));
    if (i === repeats) {
      const frames = await scrollFrames(page);
      const size = async (path: string) => {
        const res = await fetch(`${web}/api/v1/runs/${traceId}/${path}`, { headers: auth });
        return (await res.arrayBuffer()).byteLength / 1e6;
      };
      const [outlineMb, diagnosisMb, analysisMb] = [await size("outline"), await size("diagnosis"), await size("analysis")];
      console.log(`load average at the start: ${loadAtStart.map((l) => l.toFixed(1)).join(" ")}`);
      const [first, ...cached] = opens;
      console.log("");
      console.log(`run page, ${first!.totalRows} tree rows (${traceId}), Chromium 1280x800, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}:`);
      printParts(`first open (${first!.computed ? "analysis computed" : "analysis already cached"})`, first!);
      printParts("last cached open", cached[cached.length - 1]!);
      console.log(
        `  first open (${first!.computed ? "analysis computed" : "analysis already cached"}):  rows visible ${first!.rowsMs} ms, interactive ${first!.interactiveMs} ms, diagnosis drawn ${first!.diagnosisMs} ms`,
      );
      console.log(
        `  cached opens (median of ${cached.length}):  rows visible ${median(cached.map((o) => o.rowsMs))} ms, interactive ${median(cached.map((o) => o.interactiveMs))} ms, diagnosis drawn ${median(cached.map((o) => o.diagnosisMs))} ms`,
      );
      console.log(`  rows in the DOM: ${opens[opens.length - 1]!.domRows} of ${first!.totalRows}`);
      console.log(`  scrolling the whole tree: mean frame ${frames.meanMs.toFixed(1)} ms, p95 ${frames.p95Ms.toFixed(1)} ms, max ${frames.maxMs.toFixed(1)} ms`);
      console.log(
        `  JSON the page reads: outline ${outlineMb.toFixed(2)} MB, diagnosis ${diagnosisMb.toFixed(2)} MB (the whole /analysis: ${analysisMb.toFixed(2)} MB)`,
      );
    }
    await page.close();
  }
} finally {
  await browser.close();
}
