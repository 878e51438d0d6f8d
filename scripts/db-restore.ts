/**
 * `npm run db:restore -- FILE`: put the backup FILE in place of the app database (`DATABASE_URL`)
 * of a stopped app, after the backup's checks (db/backup.ts). The previous database is kept aside
 * as `<database>.before-restore-<UTC timestamp>`. Refuses, touching nothing, while any process has
 * the database open, and when FILE is missing, damaged or not an Accord Tracker database.
 */
import path from "node:path";

import { describeCheck, restoreDatabase } from "../db/backup";
import { databasePath } from "../lib/env";

function main() {
  const arg = process.argv[2];
  if (!arg) {
    console.error("Usage: npm run db:restore -- FILE   (FILE: a backup made by npm run db:backup)");
    process.exit(2);
  }
  const target = databasePath();
  const result = restoreDatabase(path.resolve(arg), target);
  console.log(`Restored ${result.source.file}`);
  console.log(`    into ${result.target} in ${(result.milliseconds / 1000).toFixed(2)} s`);
  console.log(
    result.keptAside
      ? `The previous database is kept as ${result.keptAside}${result.movedCompanions.length ? ` (with ${result.movedCompanions.join(", ")})` : ""}.`
      : "There was no database there before.",
  );
  for (const line of describeCheck(result.source)) console.log(line);
  console.log("Start the app (npm start): it applies any newer migrations at start-up.");
}

try {
  main();
} catch (error) {
  console.error(`Restore refused: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
