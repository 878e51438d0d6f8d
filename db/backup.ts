/**
 * Online backups and restores of the app database (`npm run db:backup`, `npm run db:restore`).
 *
 * - Backup: SQLite's online backup API (better-sqlite3 `Database#backup`,
 *   https://www.sqlite.org/backup.html) copies every page in one step, inside one read transaction:
 *   a consistent snapshot that, in WAL mode, never blocks the app's writers (if another connection
 *   writes between steps, SQLite restarts the copy by itself). The copy is turned into a
 *   self-contained rollback-journal file (`journal_mode = DELETE`), checked, and only then renamed
 *   to its final name, so a backup file that exists has passed its checks.
 * - Checks (both ways): the file starts with the SQLite header, `PRAGMA integrity_check` says `ok`,
 *   `PRAGMA foreign_key_check` finds nothing (https://www.sqlite.org/pragma.html), and it has Accord
 *   Tracker's migration history and tables.
 * - Restore: only into a stopped app. "Stopped" is tested with the lock SQLite itself uses: every
 *   connection to a WAL database holds a shared lock while it is open, so an EXCLUSIVE lock
 *   (`locking_mode = EXCLUSIVE` + `BEGIN EXCLUSIVE`, busy_timeout 0) is granted only when no other
 *   process has the file open (https://www.sqlite.org/wal.html, "Use of WAL without shared memory").
 *   The previous database is checkpointed and closed (which folds its `-wal` in and removes `-wal`
 *   and `-shm`), then kept aside under a timestamped name; the backup is copied beside the target,
 *   synced, and renamed over it.
 */
import fs from "node:fs";
import path from "node:path";

import Database from "better-sqlite3";

import { migrationState, type MigrationState } from "./migration-state";

/** A file that is missing, not SQLite, damaged, or not Accord Tracker's; the message says which. */
export class DatabaseCheckError extends Error {
  override name = "DatabaseCheckError";
}

/** The database is open in another process (the app is running). */
export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
}

/** Rows per table, for the printed summary: the tables every Accord Tracker database has. */
export const COUNTED_TABLES = [
  "agreements",
  "commitments",
  "status_updates",
  "evidence",
  "users",
  "audit_log",
] as const;

/**
 * Tables added by a later migration, with the number of migrations a database has applied once it
 * has them (drizzle/meta/_journal.json: idx + 1). A file whose history includes that migration must
 * hold the table; an older backup (restored, then migrated at start) need not. Counted when present.
 */
export const LATER_TABLES = {
  source_documents: 16, // 0015_source_documents
  import_runs: 17, // 0016_import_review
  import_candidates: 17,
} as const;

export type LaterTable = keyof typeof LATER_TABLES;

/** Rows per table; a later table the file does not have yet counts null. */
export type TableCounts = Record<(typeof COUNTED_TABLES)[number], number> & Record<LaterTable, number | null>;

export interface FileCheck {
  file: string;
  /** bytes of the main file (a `-wal` beside it not included) */
  bytes: number;
  counts: TableCounts;
  migrations: MigrationState;
}

const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");
/** Tables an Accord Tracker database has once its first migration ran. */
const REQUIRED_TABLES = ["__drizzle_migrations", ...COUNTED_TABLES];

/**
 * Check a database file as a backup or a restore source must be: SQLite, undamaged, foreign keys
 * intact, Accord Tracker's tables and migration history.
 * @throws DatabaseCheckError naming the file and what is wrong with it.
 */
export function checkDatabaseFile(file: string): FileCheck {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new DatabaseCheckError(`${file} does not exist.`);
  }
  if (!stat.isFile()) throw new DatabaseCheckError(`${file} is not a file.`);
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) {
    throw new DatabaseCheckError(`${file} is not a SQLite database (it does not start with the SQLite header).`);
  }
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    const problems = sqlite.pragma("integrity_check", { simple: false }) as { integrity_check: string }[];
    const lines = problems.map((p) => p.integrity_check);
    if (lines.length !== 1 || lines[0] !== "ok") {
      throw new DatabaseCheckError(`${file} is damaged: integrity_check says ${lines.slice(0, 5).join("; ")}.`);
    }
    const tables = new Set(
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
    );
    const migrations = tables.has("__drizzle_migrations") ? migrationState(sqlite) : null;
    const laterRequired = (Object.keys(LATER_TABLES) as LaterTable[]).filter(
      (t) => migrations !== null && migrations.applied >= LATER_TABLES[t],
    );
    const missing = [...REQUIRED_TABLES, ...laterRequired].filter((t) => !tables.has(t));
    if (missing.length > 0) {
      throw new DatabaseCheckError(
        `${file} is a SQLite database but not Accord Tracker's (it lacks ${missing.join(", ")}).`,
      );
    }
    const broken = sqlite.pragma("foreign_key_check") as { table: string; rowid: number; parent: string }[];
    if (broken.length > 0) {
      const first = broken.slice(0, 3).map((b) => `${b.table} row ${b.rowid} → ${b.parent}`);
      throw new DatabaseCheckError(
        `${file} has ${broken.length} row(s) pointing at rows that do not exist (foreign_key_check): ${first.join("; ")}.`,
      );
    }
    const countOf = (t: string) => sqlite!.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    const counts = Object.fromEntries([
      ...COUNTED_TABLES.map((t) => [t, countOf(t)]),
      ...(Object.keys(LATER_TABLES) as LaterTable[]).map((t) => [t, tables.has(t) ? countOf(t) : null]),
    ]) as TableCounts;
    return { file, bytes: stat.size, counts, migrations: migrations! };
  } catch (error) {
    if (error instanceof DatabaseCheckError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new DatabaseCheckError(`${file} cannot be read as a database: ${message}.`);
  } finally {
    sqlite?.close();
  }
}

/** `accord-20261202T031500Z.sqlite` style: UTC, sortable, no characters a file system refuses. */
export function timestampForFile(at = new Date()): string {
  return at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

/** Default backup path: `<folder of the database>/backups/<name>-<UTC timestamp>.sqlite`. */
export function defaultBackupFile(databaseFile: string, at = new Date()): string {
  const name = path.basename(databaseFile).replace(/\.(sqlite3?|db)$/i, "");
  return path.join(path.dirname(databaseFile), "backups", `${name}-${timestampForFile(at)}.sqlite`);
}

export interface BackupResult extends FileCheck {
  /** wall-clock milliseconds: copy, checks and rename */
  milliseconds: number;
}

/**
 * Copy `source` (open or not in other processes) to `target`, check the copy, and return its
 * summary. The copy is written as `<target>.partial` and renamed once checked.
 * @throws DatabaseCheckError when the source is not an Accord Tracker database or the copy fails
 *   its checks (the partial copy is removed); Error when `target` exists.
 */
export async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  const started = performance.now();
  if (fs.existsSync(target)) throw new Error(`${target} exists already; choose another name.`);
  if (!fs.existsSync(source)) throw new DatabaseCheckError(`${source} does not exist.`);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    // All remaining pages in one step: one read transaction, so one consistent snapshot.
    await db.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  try {
    const copy = new Database(partial);
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    fs.chmodSync(partial, 0o600);
    const checked = checkDatabaseFile(partial);
    fsyncFile(partial);
    fs.renameSync(partial, target);
    fsyncFile(path.dirname(target));
    return { ...checked, file: target, milliseconds: performance.now() - started };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Take the database's exclusive lock (nobody else has it open), fold its WAL into the main file,
 * and close it, leaving one self-contained file. Does nothing when the file does not exist.
 * @throws DatabaseInUseError when another process has the database open.
 */
export function closeForMaintenance(file: string): void {
  if (!fs.existsSync(file)) return;
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    try {
      db.exec("BEGIN EXCLUSIVE");
      db.exec("COMMIT");
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_BUSY") {
        throw new DatabaseInUseError(
          `${file} is open in another process (the app, Litestream or a script is running). Stop the app first.`,
        );
      }
      throw error;
    }
    if (db.pragma("journal_mode", { simple: true }) === "wal") db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}

export interface RestoreResult {
  source: FileCheck;
  target: string;
  /** where the previous database was moved, or null when there was none */
  keptAside: string | null;
  /** `-wal` / `-shm` files of the previous database that were moved beside it (normally none) */
  movedCompanions: string[];
  milliseconds: number;
}

/**
 * Replace `target` (the database of a stopped app) with the backup `source`, after checking it.
 * The previous file is renamed to `<target>.before-restore-<UTC timestamp>` (with any `-wal` it
 * still had, as `…-wal`, so it stays a complete database); a stale `-shm` is removed.
 * @throws DatabaseCheckError when `source` fails its checks (nothing is touched);
 *   DatabaseInUseError when the app is running (nothing is touched).
 */
export function restoreDatabase(source: string, target: string): RestoreResult {
  const started = performance.now();
  const checked = checkDatabaseFile(source);
  if (path.resolve(source) === path.resolve(target)) throw new Error("The backup and the database are the same file.");
  if (checked.migrations.applied > checked.migrations.expected) {
    throw new DatabaseCheckError(
      `${source} has ${checked.migrations.applied} migrations, more than this version of the app knows (${checked.migrations.expected}); restore it with the version that wrote it.`,
    );
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  closeForMaintenance(target);

  let keptAside: string | null = null;
  const movedCompanions: string[] = [];
  if (fs.existsSync(target)) {
    keptAside = `${target}.before-restore-${timestampForFile()}`;
    fs.renameSync(target, keptAside);
    // Closing above removed them unless the database was not in WAL mode or the close failed.
    if (fs.existsSync(`${target}-wal`)) {
      fs.renameSync(`${target}-wal`, `${keptAside}-wal`);
      movedCompanions.push(`${keptAside}-wal`);
    }
    fs.rmSync(`${target}-shm`, { force: true });
  }
  const incoming = `${target}.restoring`;
  fs.copyFileSync(source, incoming);
  fs.chmodSync(incoming, 0o600);
  fsyncFile(incoming);
  fs.renameSync(incoming, target);
  fsyncFile(path.dirname(target));
  return { source: checked, target, keptAside, movedCompanions, milliseconds: performance.now() - started };
}

/** A summary of a check for the console: size, migrations and rows per table. */
export function describeCheck(check: FileCheck): string[] {
  const mb = (check.bytes / 1024 / 1024).toFixed(1);
  const m = check.migrations;
  return [
    `  size:       ${mb} MiB (${check.bytes} bytes)`,
    `  checks:     integrity_check ok, foreign_key_check ok`,
    `  migrations: ${m.applied} of ${m.expected} (latest ${m.latestApplied ?? "none"})`,
    ...[...COUNTED_TABLES, ...(Object.keys(LATER_TABLES) as LaterTable[])].map(
      (t) => `  ${`${t}:`.padEnd(19)}${check.counts[t] ?? "none (an older database: added when migrated)"}`,
    ),
  ];
}
