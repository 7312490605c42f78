// Test helpers for packages whose tests need Postgres (vitest only).
export { createTestDatabase, type TestDatabase } from "./test-database";
export { makeSpan } from "./make-span";
export { openIngestFixture, type IngestFixture } from "./ingest-fixture";
export { openDatabaseFixture, useDatabaseFixture, useFixture, useIngestFixture, type DatabaseFixture } from "./use-fixture";
