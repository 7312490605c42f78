// Start-up side of @onset/db: choosing the database (embedded or DATABASE_URL),
// applying migrations, and the first-start bootstrap.
export { openDatabase, resolveDataDir, type OpenDatabase } from "./database";
export { startEmbeddedPostgres, type EmbeddedPostgresHandle, type EmbeddedPostgresOptions, type EmbeddedStatus } from "./embedded/embedded-postgres";
export { applyMigrations, type MigrateResult } from "./migrate/migrate";
export { readMigrations, defaultMigrationsDir, type MigrationFile } from "./migrate/migrations-dir";
export { bootstrap, DEFAULT_PROJECT_SLUG, type BootstrapInfo } from "./bootstrap";
