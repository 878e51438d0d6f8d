/**
 * Server start-up on Node.js: opens the database, applies migrations, loads the default dataset if
 * missing, checks the sign-in configuration and creates the first admin when there are no users. A
 * weak or inconsistent configuration stops the server in production rather than letting it run open.
 */
import { prepareAuth } from "./auth/startup";
import { getDb } from "./db/client";
import { databasePath } from "./lib/env";

try {
  process.env.AUTH_SECRET = await prepareAuth(getDb(), databasePath());
} catch (error) {
  console.error(`Accord Tracker cannot start: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.NODE_ENV === "production") process.exit(1);
  throw error;
}
