/**
 * `npm start`: build when needed, apply migrations and load the default dataset, then serve the
 * production app on `PORT` (default 3000). `DATABASE_URL` (a file path) picks the database,
 * default ./data/accord.sqlite. With `LITESTREAM_REPLICA_URL` (file:///…, s3://…), Litestream
 * replicates the database there while the app runs (scripts/lib/litestream.ts).
 */
import { adminSetting, resolveServerActionKey } from "../auth/config-check";
import { prepareAuth } from "../auth/startup";
import { prepareDatabase } from "../db/client";
import { prepareDatabaseLocation } from "../db/location";
import { databasePath } from "../lib/env";
import { ensureBuild } from "./lib/build";
import { litestreamVersion, replicaUrlSetting, startReplication } from "./lib/litestream";
import { serve } from "./lib/serve";

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`PORT must be a whole number between 1 and 65535 (got ${JSON.stringify(process.env.PORT)}).`);
    process.exit(2);
  }
  let file: string;
  let secret: string;
  let actionKey: string;
  let replicaUrl: string | undefined;
  try {
    file = databasePath();
    // Refuse a weak configuration before spending a minute on the build.
    adminSetting(process.env);
    if (process.env.AUTH_SECRET !== undefined && process.env.AUTH_SECRET.trim().length < 32) {
      throw new Error("AUTH_SECRET must be at least 32 characters.");
    }
    replicaUrl = replicaUrlSetting();
    if (replicaUrl) console.log(`Litestream ${litestreamVersion()} will replicate the database to ${replicaUrl}`);
    // A place that cannot hold the database is refused before the build too (db/location.ts).
    prepareDatabaseLocation(file);
    // Kept beside the database like the auth secret, and built with: every process on this
    // database, and every machine built with the same key, accepts the others' forms.
    actionKey = resolveServerActionKey(process.env, file);
    ensureBuild(console.log, { actionKey });
    const db = prepareDatabase(file);
    secret = await prepareAuth(db, file);
    db.$client.close();
  } catch (error) {
    console.error(`Accord Tracker could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  console.log(`Database: ${file} (migrated; default dataset loaded if it was missing)`);
  console.log(`Accord Tracker on http://localhost:${port}`);
  if (!replicaUrl) {
    serve({ port, env: { AUTH_SECRET: secret, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: actionKey } });
    return;
  }
  // Litestream beside the server (docs/decisions/008-durability.md): it starts first, and stops
  // (syncing the rest of the WAL) only after the server has exited. If it stops on its own, the
  // app stops too: with replication asked for, the app does not run without it.
  const replication = startReplication(file, replicaUrl, (code) => {
    console.error(`Litestream stopped unexpectedly (exit code ${code}); stopping Accord Tracker.`);
    server.kill("SIGTERM");
    process.exitCode = 1;
  });
  const server = serve({
    port,
    env: { AUTH_SECRET: secret, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: actionKey },
    onExit: async () => {
      const code = await replication.stop();
      console.log(code === 0 ? "Litestream synced and stopped." : `Litestream stopped (exit code ${code}).`);
      if (process.exitCode === 1) process.exit(1);
    },
  });
}

void main();
