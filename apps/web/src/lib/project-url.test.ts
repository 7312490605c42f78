import { describe, expect, it } from "vitest";
import { loginHref, pathAfterSwitch, safeNextPath, withProject } from "./project-url";

describe("withProject", () => {
  it.each([
    { why: "a bare path gains the parameter", href: "/runs", project: "demo", want: "/runs?project=demo" },
    { why: "other parameters are kept, the project goes last", href: "/runs/abc?span=1&tab=dag", project: "demo", want: "/runs/abc?span=1&tab=dag&project=demo" },
    { why: "a different project in the link is replaced", href: "/runs?project=old&status=error", project: "new", want: "/runs?project=new&status=error" },
    { why: "the hash stays at the end", href: "/alerts#rules", project: "demo", want: "/alerts?project=demo#rules" },
    { why: "no project known: the link is left alone", href: "/runs?x=1", project: null, want: "/runs?x=1" },
    { why: "slugs are encoded", href: "/runs", project: "a b", want: "/runs?project=a+b" },
  ])("$why", ({ href, project, want }) => expect(withProject(href, project)).toBe(want));
});

describe("safeNextPath", () => {
  it.each([
    { why: "a run with its span and project comes back whole", next: "/runs/abc?span=1&project=demo", want: "/runs/abc?span=1&project=demo" },
    { why: "nothing asked: the runs list", next: null, want: "/runs" },
    { why: "a protocol-relative URL would leave the site", next: "//evil.example/runs", want: "/runs" },
    { why: "browsers read /\\ as //", next: "/\\evil.example", want: "/runs" },
    { why: "an absolute URL to another site", next: "https://evil.example/", want: "/runs" },
    { why: "a script URL", next: "javascript:alert(1)", want: "/runs" },
    { why: "a relative path is not a path on this site", next: "runs", want: "/runs" },
    { why: "a tab or newline smuggled into the path", next: "/\t/evil.example", want: "/runs" },
    { why: "back to the login page would loop", next: "/login?next=/runs", want: "/runs" },
    { why: "an API URL is not a page", next: "/api/v1/runs", want: "/runs" },
    { why: "dot segments are resolved but stay on the site", next: "/runs/../dashboard?range=7d", want: "/dashboard?range=7d" },
  ])("$why", ({ next, want }) => expect(safeNextPath(next)).toBe(want));
});

describe("loginHref", () => {
  it("asks to come back to the page that was wanted", () => expect(loginHref("/runs/abc?project=demo")).toBe("/login?next=%2Fruns%2Fabc%3Fproject%3Ddemo"));
  it("says nothing for the page login goes to anyway", () => expect(loginHref("/runs")).toBe("/login"));
  it("drops an unsafe address", () => expect(loginHref("//evil.example")).toBe("/login"));
});

describe("pathAfterSwitch", () => {
  it.each([
    { why: "a run belongs to one project: back to the list", path: "/runs/abc", want: "/runs" },
    { why: "a comparison belongs to one project: back to picking", path: "/diff", want: "/diff" },
    { why: "list pages stay where they are", path: "/dashboard", want: "/dashboard" },
  ])("$why", ({ path, want }) => expect(pathAfterSwitch(path)).toBe(want));
});
