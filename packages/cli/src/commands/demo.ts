/**
 * `onset demo`: sends the example agents' scenarios (success, failure with an onset,
 * loop, runaway cost, contaminated pair, long run) to a running Onset through the real
 * OTLP exporter. Endpoint from --endpoint, OTEL_EXPORTER_OTLP_ENDPOINT or the local
 * default; the key as demo-key.ts finds it, and the command says which it used.
 */
import { isScenarioName, runDemoMix, runScenario, scenarioNames, type OtlpProtocol } from "@onset/examples";
import { CliError, EXIT, UsageError } from "../cli-error";
import type { CliOutput } from "../program";
import { findDemoKey } from "./demo-key";

/** Options of the demo command. */
export interface DemoCommandOptions {
  endpoint?: string;
  key?: string;
  protocol: string;
  scenario: string;
}

const PROTOCOLS: readonly OtlpProtocol[] = ["http/protobuf", "http/json", "grpc"];

const stdio: CliOutput = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

/** Sends the demo runs; resolves with 0, throws UsageError (2) or CliError (1). */
export async function demoCommand(opts: DemoCommandOptions, out: CliOutput = stdio): Promise<number> {
  const endpoint = opts.endpoint ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? "http://localhost:4318";
  if (!PROTOCOLS.includes(opts.protocol as OtlpProtocol)) {
    throw new UsageError(`unknown protocol "${opts.protocol}"; use one of: ${PROTOCOLS.join(", ")}`);
  }
  if (opts.scenario !== "all" && !isScenarioName(opts.scenario)) {
    throw new UsageError(`unknown scenario "${opts.scenario}"; use all or one of: ${scenarioNames.join(", ")}`);
  }
  const key = await findDemoKey(opts.key);
  out.stderr(`using ${key.source}\n`);
  const protocol = opts.protocol as OtlpProtocol;
  try {
    if (opts.scenario === "all") {
      await runDemoMix({ endpoint, headers: key.headers, protocol }, (p) => {
        if (p.phase === "done") out.stdout(`  [${p.index + 1}/${p.total}] ${p.scenario} (${p.variant}) → trace ${p.run.traceIds.join(", ")}\n`);
      });
    } else {
      const run = await runScenario(opts.scenario, { endpoint, headers: key.headers, protocol });
      out.stdout(`  ${opts.scenario} → trace ${run.traceIds.join(", ")}\n`);
    }
  } catch (err) {
    throw new CliError(`could not send to ${endpoint}: ${(err as Error).message.split("\n")[0]}\nis Onset running there (npm start), and is the key right?`);
  }
  out.stdout(`done: open the UI to browse the runs\n`);
  return EXIT.ok;
}
