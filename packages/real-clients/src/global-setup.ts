/** Vitest global setup: one Onset for the whole suite, its endpoints handed to the tests. */
import type { TestProject } from "vitest/node";
import { startOnset } from "./onset-process";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { endpoints, stop } = await startOnset();
  project.provide("onset", endpoints);
  return stop;
}

declare module "vitest" {
  export interface ProvidedContext {
    onset: import("./onset-process").OnsetEndpoints;
  }
}
