/**
 * `npm run db:backup [-- FILE]`: an online, consistent copy of the app database (`DATABASE_URL`)
 * while the app serves and writes, checked with integrity_check and foreign_key_check (db/backup.ts).
 * Default FILE: `<folder of the database>/backups/<name>-<UTC timestamp>.sqlite`.
 * Prints the copy's size, migrations, rows per table and the time taken; exits 1 with the reason
 * when the database is missing or not Accord Tracker's, or the copy fails its checks.
 */
import path from "node:path";

import { backupDatabase, defaultBackupFile, describeCheck } from "../db/backup";
import { databasePath } from "../lib/env";

async function main() {
  const source = databasePath();
  const arg = process.argv[2];
  const target = arg ? path.resolve(arg) : defaultBackupFile(source);
  const result = await backupDatabase(source, target);
  console.log(`Backed up ${source}`);
  console.log(`       to ${result.file} in ${(result.milliseconds / 1000).toFixed(2)} s`);
  for (const line of describeCheck(result)) console.log(line);
}

main().catch((error: unknown) => {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
