import { databaseHealth } from "@/db/health";
import { readCacheState } from "@/lib/cache-state";

export const dynamic = "force-dynamic";

/**
 * GET /healthz: 200 when the database answers and every shipped migration is applied, else 503.
 * Says nothing about the data; never cached (`Cache-Control: no-store`; the response cache only
 * stores public pages, and this path is not one).
 */
export function GET() {
  const database = databaseHealth();
  const healthy = database.problem === null;
  return Response.json(
    {
      status: healthy ? "ok" : "unavailable",
      database: {
        reachable: database.reachable,
        migrations: database.migrations && {
          applied: database.migrations.applied,
          expected: database.migrations.expected,
          latestApplied: database.migrations.latestApplied,
          latestExpected: database.migrations.latestExpected,
        },
        problem: database.problem,
      },
      cache: readCacheState(),
    },
    { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
