/**
 * docker-compose.yml cannot be run here (no Docker engine), so this keeps it honest by
 * reading it: the single-process service and the "scaled" profile's web, collector and
 * worker services run `onset start` with a role the CLI has, share one environment and
 * one DATABASE_URL on the compose Postgres, wait for it to be healthy, publish the same
 * ports the single service does (so `--scale onset=0` swaps one for the other), and the
 * balancer in front of the collectors forwards both OTLP ports to them. Every ONSET_*
 * variable it sets is one the README's configuration table documents.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { COLLECTOR_NODE_FLAGS } from "@onset/collector";
import { ROLES } from "./roles";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const text = readFileSync(path.join(root, "docker-compose.yml"), "utf8");

interface Service {
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
  expose?: string[];
  deploy?: { replicas?: number | string };
  configs?: { source: string; target: string }[];
}
interface Compose {
  services: Record<string, Service>;
  configs?: Record<string, { content?: string }>;
}

const compose = parse(text, { merge: true }) as Compose;
const onsetServices = Object.entries(compose.services).filter(([, s]) => s.environment?.DATABASE_URL !== undefined);
const roleOf = (s: Service) => (s.command ? s.command[s.command.indexOf("--role") + 1] : "all");

describe("docker-compose.yml", () => {
  it("runs every role of `onset start` it names, with the roles the CLI accepts", () => {
    const byRole = Object.fromEntries(onsetServices.map(([name, s]) => [name, roleOf(s)]));
    expect(byRole).toEqual({ onset: "all", web: "web", collector: "collector", worker: "worker" });
    for (const [, s] of onsetServices) {
      expect(ROLES).toContain(roleOf(s));
      if (s.command) expect(s.command.filter((a) => !COLLECTOR_NODE_FLAGS.includes(a)).slice(0, 4)).toEqual(["node", "packages/cli/bin/onset.js", "start", "--role"]);
    }
  });

  it("puts the split roles in the scaled profile, several collectors and workers, one web", () => {
    for (const name of ["web", "collector", "worker", "otlp-lb"]) expect(compose.services[name]!.profiles).toEqual(["scaled"]);
    expect(compose.services.onset!.profiles).toBeUndefined();
    expect(compose.services.collector!.deploy?.replicas).toBe("${ONSET_COLLECTORS:-2}");
    expect(compose.services.worker!.deploy?.replicas).toBe("${ONSET_WORKERS:-2}");
    expect(compose.services.web!.deploy).toBeUndefined();
    expect(text).toContain("docker compose --profile scaled up -d --scale onset=0");
  });

  it("gives every Onset process the same settings and the compose Postgres, once it is healthy", () => {
    const [, first] = onsetServices[0]!;
    for (const [, s] of onsetServices) {
      expect(s.environment).toEqual(first.environment);
      expect(s.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    }
    const db = new URL(first.environment!.DATABASE_URL!.replace("${POSTGRES_PASSWORD:-onset}", "pw"));
    expect(db.hostname).toBe("postgres");
    expect(compose.services.postgres).toBeDefined();
  });

  it("publishes the single service's ports from the scaled one, OTLP through the balancer to the collectors", () => {
    const published = (names: string[]) => names.flatMap((n) => compose.services[n]!.ports ?? []).sort();
    expect(published(["web", "otlp-lb"])).toEqual(published(["onset"]));
    expect(compose.services.collector!.ports).toBeUndefined(); // replicas cannot share a host port
    expect(compose.services.collector!.expose).toEqual(["4317", "4318"]);
    const conf = compose.configs?.[compose.services["otlp-lb"]!.configs![0]!.source]?.content ?? "";
    expect(conf).toMatch(/upstream otlp_http \{ server collector:4318; \}/);
    expect(conf).toMatch(/upstream otlp_grpc \{ server collector:4317; \}/);
    expect(conf).toMatch(/listen 4318; proxy_pass otlp_http;/);
    expect(conf).toMatch(/listen 4317; proxy_pass otlp_grpc;/);
  });

  it("sets only ONSET_* variables the README documents", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const names = new Set(onsetServices.flatMap(([, s]) => Object.keys(s.environment ?? {})).filter((k) => k.startsWith("ONSET_")));
    expect(names.size).toBeGreaterThan(0);
    for (const name of names) expect(readme, name).toContain(`\`${name}\``);
  });
});
