/**
 * The database connection: one better-sqlite3 connection per process, kept on `globalThis` so
 * dev-mode hot reloads do not open new ones (STACK.md "Connection").
 *
 * Opening is lazy: importing this module touches nothing, so `next build` never needs (or creates)
 * the real database. The first `getDb()` opens the file (creating its folder), sets the pragmas,
 * applies the committed migrations in `drizzle/` and loads the default dataset when it is missing.
 */
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";

import { databasePath } from "../lib/env";
import { prepareDatabaseLocation } from "./location";
import { runMigrations } from "./migrate";
import * as schema from "./schema";
import { cacheStatements } from "./statement-cache";
import { seedDefaultDataset, upgradeDefaultDataset } from "./seed";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

interface Holder {
  db: Db;
  file: string;
}

const globalForDb = globalThis as unknown as { __accordDb?: Holder };

/**
 * Open a SQLite file (or `:memory:`) with the project's pragmas: WAL, foreign keys on,
 * busy_timeout 5 s, synchronous FULL (decision 008), prepared statements cached
 * (db/statement-cache.ts). Does not migrate.
 * @throws DatabaseLocationError (db/location.ts) naming the file and the reason when its place
 *   cannot hold a database; Error naming the file when SQLite cannot open it, or when it holds tables but no Accord
 *   Tracker migration history (another application's database is never touched).
 */
export function openDatabase(file: string): Db {
  // Folders, permissions and odd places (a folder, /proc, a read-only disk) are checked first, with
  // a reason; a new file is created there with mode 0600 (db/location.ts).
  prepareDatabaseLocation(file);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
  } catch (error) {
    throw new Error(`Cannot open the database file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let tables: string[];
  try {
    tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
  } catch (error) {
    // SQLite opens any file lazily; the first read finds out it is not a database ("file is not a
    // database") or is damaged.
    sqlite.close();
    throw new Error(
      `Cannot use the database file ${file}: ${error instanceof Error ? error.message : String(error)}. Point DATABASE_URL at an Accord Tracker database or a new file.`,
    );
  }
  if (tables.length > 0 && !tables.includes("__drizzle_migrations")) {
    sqlite.close();
    throw new Error(
      `${file} is not an Accord Tracker database (it has tables but no migration history). Point DATABASE_URL at a new file.`,
    );
  }
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // FULL: a commit is on disk before it is acknowledged, power loss included (docs/decisions/008-durability.md).
  sqlite.pragma("synchronous = FULL");
  // Each SQL text is compiled once per connection, not on every query (db/statement-cache.ts says why).
  cacheStatements(sqlite);
  return drizzle(sqlite, { schema }) as Db;
}

/**
 * Open a database and bring it up to date: migrations, then the default dataset if it is not there
 * (or its source documents, on a database loaded before it had them: `upgradeDefaultDataset`).
 * Idempotent; never overwrites existing data.
 */
export function prepareDatabase(file: string): Db {
  const db = openDatabase(file);
  runMigrations(db);
  seedDefaultDataset(db);
  upgradeDefaultDataset(db);
  return db;
}

/** How often a long-lived connection refreshes the query planner's statistics (`PRAGMA optimize`). */
const OPTIMIZE_EVERY_MS = 60 * 60 * 1000;

/**
 * Statistics for the query planner on a long-lived connection, as SQLite recommends since 3.46
 * (https://sqlite.org/pragma.html#pragma_optimize): `PRAGMA optimize=0x10002` when the connection
 * opens (ANALYZE, with a built-in analysis limit, of every table whose statistics are missing or
 * stale: about 0.6 s at 50,000 commitments), then plain `PRAGMA optimize` every hour (usually a
 * no-op). Without them the planner cannot tell that the theme or status index is more selective
 * than the live flag, and the list's filtered counts scan every live row (issue 9; decision 010).
 */
function keepPlannerStatistics(db: Db): void {
  db.$client.pragma("optimize = 0x10002");
  setInterval(() => {
    try {
      db.$client.pragma("optimize");
    } catch {
      // A busy or closed database: the next run tries again; statistics only guide the planner.
    }
  }, OPTIMIZE_EVERY_MS).unref();
}

/** The process's connection to the app database (`DATABASE_URL`), opened and prepared on first use. */
export function getDb(): Db {
  const file = databasePath();
  const held = globalForDb.__accordDb;
  if (held && held.file === file) return held.db;
  const db = prepareDatabase(file);
  keepPlannerStatistics(db);
  globalForDb.__accordDb = { db, file };
  return db;
}
