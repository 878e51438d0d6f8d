/**
 * A cheap "has anything in the database changed?" signal, for the response cache.
 *
 * SQLite's `PRAGMA data_version` returns a number that changes whenever another connection commits
 * to the file (https://sqlite.org/pragma.html#pragma_data_version). Reading it on a connection of
 * its own therefore notices every write: the app's own connection in this process, a migration,
 * a script, another server process. The number means nothing by itself; only equality counts.
 */
import Database from "better-sqlite3";

export interface DataVersion {
  /** The current version; a different value than last time means some connection committed. */
  read(): number;
  close(): void;
}

/**
 * Open a read-only connection to `file` for `read()`.
 * @throws Error when the file does not exist (the database must be prepared first).
 */
export function openDataVersion(file: string): DataVersion {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const statement = sqlite.prepare("PRAGMA data_version").pluck();
  return {
    read: () => statement.get() as number,
    close: () => sqlite.close(),
  };
}
