/**
 * Node/V8 flags every process that runs the collector starts with (`onset start` through
 * packages/cli/bin/onset.js, the Dockerfile and docker-compose.yml, the collector's own
 * `npm start`, and the ingest benchmark's collector). Why, measured with
 * `npm run bench:ingest` (docs/benchmarks.md "Ingestion", 2026-12-04 quiet runs):
 *
 * `--heap-growing-percent=50`: after each full collection V8 lets the old generation
 * grow by this much before the next one, instead of its dynamic factor (up to 4x the
 * live heap). Under load the old generation fills with garbage (decoded spans that
 * outlived two young-generation collections while their export waited for its commit),
 * so by default the collector reached 350-360 MB RSS at half load.
 *
 * `--max-semi-space-size=8` (MB; V8's default for this heap size is 16): a smaller young
 * generation, collected more often. Alone it did not bring RSS under 300 MB; with the
 * flag above it took the collector from 282 to 267 MB at half load (at 1.9x the rate),
 * and neither flag nor both moved the collector's CPU per span beyond run-to-run noise
 * (same sitting, 4 runs: 39-48 µs without, 40-41 µs with both).
 *
 * V8 sizes its heap when the process starts: `v8.setFlagsFromString` at startup did not
 * move RSS, and NODE_OPTIONS refuses `--heap-growing-percent` ("not allowed in
 * NODE_OPTIONS"), so both flags are on the command line. Keep the places listed above in step (packages/cli's node-flags test
 * checks them).
 */
export const COLLECTOR_NODE_FLAGS: readonly string[] = ["--heap-growing-percent=50", "--max-semi-space-size=8"];
