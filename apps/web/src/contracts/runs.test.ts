/**
 * The runs list's URL keys and the server's runs query are one contract: the list page
 * keeps exactly the filters GET /api/v1/runs takes, and the sorts are the repository's.
 */
import { RUN_SORTS } from "@onset/db";
import { describe, expect, it } from "vitest";
import { readRunFilters } from "@/lib/run-list-filters";
import { listRunsEndpoint, RUN_FILTER_KEYS, RUN_SORT_KEYS } from "./runs";

describe("runs contract", () => {
  it("the list page's filter keys are the query's keys other than paging and project", () => {
    const serverKeys = Object.keys(listRunsEndpoint.query.shape).filter((k) => !["limit", "cursor", "project"].includes(k));
    expect([...RUN_FILTER_KEYS].sort()).toEqual(serverKeys.sort());
  });

  it("sorts are the repository's", () => {
    expect([...RUN_SORT_KEYS].sort()).toEqual(Object.keys(RUN_SORTS).sort());
  });

  it("every filter the page reads from a URL is accepted by the server", () => {
    const url = new URLSearchParams({
      q: "x", status: "error", from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", model: "m", service: "s",
      session: "se", user: "u", task: "t", minCost: "0.1", maxCost: "2", minTokens: "1", maxTokens: "9",
      minDurationMs: "1", maxDurationMs: "5", hasOnset: "true", hasLoops: "false", sort: "costUsd", order: "asc",
    });
    const filters = readRunFilters(url);
    expect(Object.keys(filters).sort()).toEqual([...RUN_FILTER_KEYS].sort());
    const parsed = listRunsEndpoint.query.parse(filters);
    expect(parsed).toMatchObject({ status: "error", minCost: 0.1, hasOnset: true, hasLoops: false, sort: "costUsd" });
  });
});
