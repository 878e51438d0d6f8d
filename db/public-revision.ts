/**
 * A cheap "has anything public changed?" signal, for the response cache.
 *
 * It reads `public_revision.revision` (db/schema.ts), which triggers raise on every change to a
 * table the public surfaces read, from any connection or process: the app's writes, a migration,
 * a script, another server. Sign-ins and refused writes only add audit rows, so they do not count.
 * The number means nothing by itself; only a change counts.
 */
import Database from "better-sqlite3";

export interface PublicRevision {
  /** The current revision; a different value than last time means public data changed. */
  read(): number;
  close(): void;
}

/**
 * Open a read-only connection to `file` for `read()`.
 * @throws Error when the file does not exist or has no `public_revision` table (migrations first).
 */
export function openPublicRevision(file: string): PublicRevision {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const statement = sqlite.prepare("SELECT revision FROM public_revision WHERE id = 1").pluck();
    return {
      read: () => (statement.get() as number | undefined) ?? 0,
      close: () => sqlite.close(),
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
