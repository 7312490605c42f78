/**
 * Browser observations that agents post as chat messages. A browsing agent acts with its
 * own tools and then reports, in one message, what it did and what the page showed:
 *
 *   "I typed 'x' into 'y'.\n\nHere is a screenshot of [Title](url). The viewport shows 31%
 *    of the webpage, and is positioned at the top of the page.\nThe following metadata ...
 *    Automatic OCR of the page screenshot has detected the following text:\n\n..."
 *      MultimodalWebSurfer (autogen-magentic-one, autogen-ext's AgentChat port)
 *   "Address: https://...\nTitle: ...\nViewport position: Showing page 1 of 3.\n====..."
 *      the markdown text browser of FileSurfer and AG2/AutoGen's WebSurferAgent
 *   "Web surfing error:\n\nTraceback ..."   MultimodalWebSurfer when its tool raised
 *
 * The first part is the agent's decision; the rest is what a tool returned. Read as one
 * message, the page's numbers and names would count as the agent's own claims, and later
 * agents quoting the page would look ungrounded. Split, the page is a tool result.
 */

/** A message split into what the agent said and what its browser observed. */
export interface BrowserObservation {
  /** The agent's own words (its action description), possibly empty. */
  said: string;
  /** The page as the browser reported it. */
  observed: string;
  /** Tool name for the observation's span. */
  tool: "web_browser" | "text_browser";
  /** The browser's own failure ("Web surfing error: ..."), else null. */
  error: string | null;
}

const SCREENSHOT = /(?:^|\n)[^\n]*?Here is a screenshot of \[/;
const VIEWPORT = /The viewport shows \d{1,3}% of the webpage/;
const SURFING_ERROR = /^Web surfing error:/;
const TEXT_BROWSER = /(?:^|\n)Address: \S[^\n]*\n(?:Title: [^\n]*\n)?Viewport position: /;

/** Splits a browsing agent's message; null when the message carries no browser observation. */
export function splitBrowserObservation(text: string): BrowserObservation | null {
  const head = text.slice(0, 20_000);
  if (SURFING_ERROR.test(head.trimStart())) {
    const lines = head.trim().split("\n").filter((l) => l.trim() !== "");
    return { said: "", observed: text.trim(), tool: "web_browser", error: lines[lines.length - 1]!.trim().slice(0, 300) };
  }
  const shot = SCREENSHOT.exec(head);
  if (shot !== null && VIEWPORT.test(head)) {
    const at = shot.index + (head[shot.index] === "\n" ? 1 : 0);
    return { said: text.slice(0, at).trim(), observed: text.slice(at).trim(), tool: "web_browser", error: null };
  }
  const page = TEXT_BROWSER.exec(head);
  if (page !== null) {
    const at = page.index + (head[page.index] === "\n" ? 1 : 0);
    return { said: text.slice(0, at).trim(), observed: text.slice(at).trim(), tool: "text_browser", error: null };
  }
  return null;
}
