/**
 * A cache of prepared statements for one better-sqlite3 connection, keyed by SQL text.
 *
 * Why: drizzle-orm's better-sqlite3 session prepares every query anew (`client.prepare(sql)` per
 * call, drizzle-orm 0.45 better-sqlite3/session.js), and SQLite's compilation of the list's
 * statements was 4–5 ms of a list page's CPU at 50,000 commitments (issue 9; decision 010 "Prepared
 * statements"). better-sqlite3 itself keeps no cache (its docs: prepare once, run many times).
 *
 * What a cached statement must not carry from its last use, and how it is handled:
 * - its result mode: `raw()`, `pluck()` and `expand()` stay set on a statement (better-sqlite3
 *   src/objects/statement.cpp), and drizzle calls `raw()` for `values()` and for selects with
 *   fields, so a statement of data is put back to plain rows before it is handed out;
 * - an open iterator (`statement.busy`): a busy statement is never handed out; a new one is
 *   prepared for that call instead;
 * - bound parameters: better-sqlite3 binds them per call (`all(...params)`), nothing stays bound.
 * A schema change (a migration) needs nothing: SQLite recompiles a prepared statement whose schema
 * changed on its next step (sqlite3_prepare_v2).
 */
import type Database from "better-sqlite3";
import { LRUCache } from "lru-cache";

/** Distinct SQL texts kept per connection; the app's reads are a few hundred shapes at most. */
export const STATEMENTS_KEPT = 500;

/**
 * Make `sqlite.prepare` return a cached statement for SQL text it has prepared before (the
 * least recently used of more than `max` texts is dropped). Idempotent per connection.
 * Errors of `prepare` (a syntax error, a missing table) are thrown as before and nothing is cached.
 */
export function cacheStatements(sqlite: Database.Database, max = STATEMENTS_KEPT): void {
  const marked = sqlite as Database.Database & { __statementCache?: true };
  if (marked.__statementCache) return;
  marked.__statementCache = true;
  const prepare = sqlite.prepare.bind(sqlite) as Database.Database["prepare"];
  const cache = new LRUCache<string, Database.Statement>({ max });
  sqlite.prepare = ((source: string) => {
    const kept = cache.get(source);
    if (kept && !kept.busy && reset(kept)) return kept;
    const fresh = prepare(source);
    if (!kept || !kept.busy) cache.set(source, fresh);
    return fresh;
  }) as Database.Database["prepare"];
}

/** Plain rows again (no raw, pluck or expand mode). False when the connection is busy (an iterator open). */
function reset(statement: Database.Statement): boolean {
  if (!statement.reader) return true;
  try {
    statement.raw(false).pluck(false).expand(false);
    return true;
  } catch {
    return false;
  }
}
