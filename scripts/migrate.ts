/**
 * `npm run db:migrate`: apply the committed migrations to the app database (`DATABASE_URL`,
 * default ./data/accord.sqlite), creating the file if needed. Does not load any dataset.
 */
import { openDatabase } from "../db/client";
import { runMigrations } from "../db/migrate";
import { databasePath } from "../lib/env";

const file = databasePath();
const db = openDatabase(file);
runMigrations(db);
db.$client.close();
console.log(`Migrations applied to ${file}`);
