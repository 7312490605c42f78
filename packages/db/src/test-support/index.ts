// Test helpers for packages whose tests need Postgres (vitest only).
export { createTestDatabase, type TestDatabase } from "./test-database";
export { makeSpan } from "./make-span";
export { openIngestFixture, type IngestFixture } from "./ingest-fixture";
