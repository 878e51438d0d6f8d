/**
 * Applies the committed drizzle-kit migrations in `drizzle/` (synchronous and idempotent:
 * drizzle's migrator records what it applied in `__drizzle_migrations`).
 */
import path from "node:path";

import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";

/** The migrations folder: `drizzle/` at the project root (the working directory of every script). */
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/** Apply every pending migration. @throws the driver's error when a migration fails (nothing half-applied). */
export function runMigrations(db: BetterSQLite3Database<Record<string, unknown>>): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
