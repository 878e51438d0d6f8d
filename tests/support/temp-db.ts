/**
 * A real SQLite file in a fresh temp folder, migrated with the committed migrations (and, unless
 * asked not to, loaded with the default dataset). `cleanup()` closes it and removes the folder.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { type Db, openDatabase, prepareDatabase } from "../../db/client";
import { runMigrations } from "../../db/migrate";

export interface TempDb {
  db: Db;
  file: string;
  cleanup: () => void;
}

export function createTempDb({ seed = true }: { seed?: boolean } = {}): TempDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-unit-"));
  const file = path.join(dir, "test.sqlite");
  let db: Db;
  if (seed) db = prepareDatabase(file);
  else {
    db = openDatabase(file);
    runMigrations(db);
  }
  return {
    db,
    file,
    cleanup: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
