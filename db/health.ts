/**
 * The health of this process's database, for `GET /healthz` (a load balancer's or orchestrator's
 * probe): can it be read, and are all the migrations this code ships applied? Cheap: one
 * `SELECT` on the open connection and one read of `__drizzle_migrations`; no data is returned.
 */
import { getDb } from "./client";
import { migrationState, type MigrationState } from "./migration-state";

export interface DatabaseHealth {
  reachable: boolean;
  migrations: MigrationState | null;
  /** why it is unhealthy (the error's message); null when healthy */
  problem: string | null;
}

/** Never throws: a failure is reported in `problem`. */
export function databaseHealth(): DatabaseHealth {
  let migrations: MigrationState | null = null;
  try {
    const sqlite = getDb().$client;
    sqlite.prepare("SELECT 1").get();
    migrations = migrationState(sqlite);
  } catch (error) {
    return { reachable: false, migrations, problem: error instanceof Error ? error.message : String(error) };
  }
  if (!migrations.current) {
    return {
      reachable: true,
      migrations,
      problem: `migrations: ${migrations.applied} applied, ${migrations.expected} expected (latest ${migrations.latestExpected})`,
    };
  }
  return { reachable: true, migrations, problem: null };
}
