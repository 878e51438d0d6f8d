/**
 * Checks that a database path can hold a SQLite database before anything opens it, creating its
 * missing folders one at a time.
 *
 * Why not `fs.mkdirSync(dir, { recursive: true })`: on Linux, procfs answers `mkdir` of a child
 * that cannot exist with ENOENT rather than EACCES, and Node's recursive mkdir takes ENOENT to mean
 * "the parent is missing", creates the parent (EEXIST, fine) and retries the child for ever, at
 * 100 % CPU and without returning (issue 8, defect 6: `DATABASE_URL=/proc/nope/x.sqlite npm start`;
 * the same loop is reported for dangling symlinks). Walking the path ourselves makes every such
 * place end in an error that names the path and the reason.
 */
import fs from "node:fs";
import path from "node:path";

/** A database path that cannot be used; the message names the path and the reason. */
export class DatabaseLocationError extends Error {
  override name = "DatabaseLocationError";
}

/** A plain-words reason for a file system error code, with the code itself. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code ?? "";
  const words: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "the file system is read-only",
    ENOTDIR: "a part of the path is a file, not a folder",
    EISDIR: "it is a folder",
    ENOSPC: "no space left on the device",
    EDQUOT: "the disk quota is used up",
    ELOOP: "too many symbolic links",
    ENAMETOOLONG: "the name is too long",
    // Only met once the parent is known to exist: the file system refuses to create anything there.
    ENOENT: "the file system does not allow creating it there",
  };
  const message = error instanceof Error ? error.message : String(error);
  return code && words[code] ? `${words[code]} (${code})` : message;
}

function fail(file: string, what: string): never {
  throw new DatabaseLocationError(`Cannot use the database file ${file}: ${what}.`);
}

/**
 * Create the missing folders of `dir`, one `mkdir` at a time from the deepest existing ancestor.
 * @throws DatabaseLocationError naming `file` and the folder that could not be made, and why.
 */
export function makeFolders(dir: string, file: string = dir): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTDIR: an ancestor is a file; walking up finds it and says so.
      if (code !== "ENOENT" && code !== "ENOTDIR") fail(file, `${at} cannot be read: ${reason(error)}`);
    }
    if (stat) {
      if (!stat.isDirectory()) fail(file, `${at} is a file, not a folder`);
      break;
    }
    const parent = path.dirname(at);
    // A root that does not exist (a dangling mount point): nothing left to create from.
    if (parent === at) fail(file, `${at} does not exist`);
    missing.unshift(at);
    at = parent;
  }
  for (const folder of missing) {
    try {
      fs.mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST" && fs.statSync(folder).isDirectory()) continue;
      fail(file, `the folder ${folder} cannot be created: ${reason(error)}`);
    }
  }
}

/**
 * Make sure `file` can be opened for reading and writing as a SQLite database in WAL mode: its
 * folder exists (created if missing) and is writable (SQLite creates `-wal` and `-shm` beside it),
 * and the file is a regular, writable file, or can be created (it is then created empty, mode
 * 0600, which SQLite treats as a new database). `:memory:` passes.
 * @returns true when the file did not exist before (it has just been created empty).
 * @throws DatabaseLocationError naming the path and the reason.
 */
export function prepareDatabaseLocation(file: string): boolean {
  if (file === ":memory:") return false;
  const dir = path.dirname(file);
  makeFolders(dir, file);
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
  } catch (error) {
    fail(file, `its folder ${dir} is not writable: ${reason(error)}`);
  }
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") fail(file, reason(error));
  }
  if (stat) {
    if (stat.isDirectory()) fail(file, "it is a folder");
    if (!stat.isFile()) fail(file, "it is not a regular file");
    try {
      fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
    } catch (error) {
      fail(file, `it cannot be read and written: ${reason(error)}`);
    }
    return false;
  }
  try {
    // The file holds password hashes: readable by its owner only (SQLite gives the WAL the same mode).
    fs.closeSync(fs.openSync(file, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    fail(file, `it cannot be created: ${reason(error)}`);
  }
  return true;
}
