/**
 * Applies migrations and loads the default dataset when it is missing (idempotent). Run by
 * `npm start` before serving, so a fresh machine gets a seeded database on first start.
 */
import { count } from "drizzle-orm";

import { prepareDatabase } from "../db/client";
import { agreements, commitments } from "../db/schema";
import { databasePath } from "../lib/env";

const file = databasePath();
const db = prepareDatabase(file);
const agreementCount = db.select({ n: count() }).from(agreements).get()?.n ?? 0;
const commitmentCount = db.select({ n: count() }).from(commitments).get()?.n ?? 0;
db.$client.close();
console.log(`Database ready: ${file} (${agreementCount} agreement(s), ${commitmentCount} commitment(s))`);
