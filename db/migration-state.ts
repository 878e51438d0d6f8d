/**
 * Which migrations a database has, against the ones this code ships in `drizzle/` (drizzle-kit's
 * `meta/_journal.json`). drizzle's migrator records each applied migration in
 * `__drizzle_migrations` with `created_at` = the journal entry's `when` (milliseconds).
 */
import fs from "node:fs";
import path from "node:path";

import type Database from "better-sqlite3";

import { MIGRATIONS_FOLDER } from "./migrate";

export interface MigrationState {
  /** migrations recorded in the database */
  applied: number;
  /** migrations in drizzle/ */
  expected: number;
  /** tag of the newest migration in drizzle/, e.g. `0006_public_revision_triggers` */
  latestExpected: string;
  /** tag of the newest migration the database has, when it is one of ours; null when none */
  latestApplied: string | null;
  /** true when every migration of drizzle/ is applied and no unknown one is */
  current: boolean;
}

interface JournalEntry {
  tag: string;
  when: number;
}

let journal: JournalEntry[] | undefined;

/** The entries of drizzle/meta/_journal.json, read once. @throws when the file is missing or malformed. */
export function shippedMigrations(): JournalEntry[] {
  journal ??= (
    JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
      entries: JournalEntry[];
    }
  ).entries;
  return journal;
}

/**
 * Compare the migrations recorded in `sqlite` with the shipped ones.
 * @throws the driver's error when the database has no `__drizzle_migrations` table.
 */
export function migrationState(sqlite: Database.Database): MigrationState {
  const shipped = shippedMigrations();
  const whens = sqlite.prepare("SELECT created_at FROM __drizzle_migrations ORDER BY created_at").pluck().all() as (
    number | string
  )[];
  const applied = whens.map(Number);
  const byWhen = new Map(shipped.map((e) => [e.when, e.tag]));
  const newest = applied.at(-1);
  const latestExpected = shipped.at(-1)?.tag ?? "";
  return {
    applied: applied.length,
    expected: shipped.length,
    latestExpected,
    latestApplied: newest === undefined ? null : (byWhen.get(newest) ?? `unknown (${newest})`),
    current: applied.length === shipped.length && applied.every((w) => byWhen.has(w)),
  };
}
