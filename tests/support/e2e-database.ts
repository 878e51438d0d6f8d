/**
 * Where the e2e server's throwaway database is: scripts/e2e-server.ts writes its path to
 * {@link e2eDatabasePointer} (one file per port) once the database is ready.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The file holding the path of the e2e database of the server on `port`. */
export function e2eDatabasePointer(port: number): string {
  return path.join(os.tmpdir(), `accord-e2e-database-${port}.path`);
}

/** The e2e database of the server on `port` (E2E_PORT, default 3100). @throws Error when it is not known. */
export function e2eDatabaseFile(port = Number(process.env.E2E_PORT ?? 3100)): string {
  const file = fs.readFileSync(e2eDatabasePointer(port), "utf8").trim();
  if (!fs.existsSync(file)) throw new Error(`The e2e database ${file} (from ${e2eDatabasePointer(port)}) is gone`);
  return file;
}
