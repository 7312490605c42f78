import { describe, expect, it } from "vitest";
import { splitBrowserObservation } from "./chat-observation";

describe("browser observations posted as chat messages", () => {
  it("splits a MultimodalWebSurfer report at its screenshot description", () => {
    const text = "I clicked 'Menu'.\n\nHere is a screenshot of [Joe's Pizza](https://example.test/joes). The viewport shows 40% of the webpage, and is positioned 20% down from the top of the page.\nAutomatic OCR of the page screenshot has detected the following text:\n\nSlice $4.50";
    expect(splitBrowserObservation(text)).toEqual({
      said: "I clicked 'Menu'.",
      observed: expect.stringMatching(/^Here is a screenshot of \[Joe's Pizza\].*Slice \$4\.50$/s) as unknown,
      tool: "web_browser",
      error: null,
    });
  });

  it("splits a markdown text browser page (FileSurfer, WebSurferAgent) at its address line", () => {
    const text = "I opened the file.\nAddress: file:///workspace/data.csv\nViewport position: Showing page 1 of 1.\n=======================\nname,price\nA,12.50";
    const split = splitBrowserObservation(text)!;
    expect(split.said).toBe("I opened the file.");
    expect(split.observed).toMatch(/^Address: file:\/\/\/workspace\/data\.csv\nViewport position/);
    expect(split.tool).toBe("text_browser");
  });

  it("reads a surfing error as a failed browser call with its exception line", () => {
    const split = splitBrowserObservation("Web surfing error:\n\nTraceback (most recent call last):\n  File \"x.py\", line 1\nValueError: No such element.")!;
    expect(split.error).toBe("ValueError: No such element.");
    expect(split.said).toBe("");
  });

  it("leaves ordinary messages, and ones that only mention a screenshot, alone", () => {
    expect(splitBrowserObservation("The top-rated place is Joe's Pizza with 4.5 stars.")).toBeNull();
    expect(splitBrowserObservation("Here is a screenshot of [the chart](x.png) I made.")).toBeNull();
  });
});
