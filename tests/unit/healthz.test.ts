/** GET /healthz (app/healthz/route.ts): 200 when the database answers and is migrated, else 503; no data, never cached. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it } from "vitest";

import { GET } from "../../app/healthz/route";
import { prepareDatabase } from "../../db/client";
import { shippedMigrations } from "../../db/migration-state";
import { registerCacheState } from "../../lib/cache-state";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-healthz-"));
const saved = process.env.DATABASE_URL;
afterEach(() => {
  process.env.DATABASE_URL = saved;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function probe(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  const response = GET();
  return { status: response.status, cacheControl: response.headers.get("cache-control"), body: await response.json() };
}

describe("GET /healthz", () => {
  it("is 200 with the migration count and cache state, and no data", async () => {
    const file = path.join(dir, "ok.sqlite");
    prepareDatabase(file).$client.close();
    registerCacheState(() => ({ enabled: true, entries: 3, bytes: 12_345, maxBytes: 64 * 1024 * 1024 }));
    const { status, cacheControl, body } = await probe(file);
    expect(status).toBe(200);
    expect(cacheControl).toBe("no-store");
    const shipped = shippedMigrations();
    expect(body).toEqual({
      status: "ok",
      database: {
        reachable: true,
        migrations: {
          applied: shipped.length,
          expected: shipped.length,
          latestApplied: shipped.at(-1)!.tag,
          latestExpected: shipped.at(-1)!.tag,
        },
        problem: null,
      },
      cache: { enabled: true, entries: 3, bytes: 12_345, maxBytes: 64 * 1024 * 1024 },
    });
  });

  it("is 503 when the database has a migration this code does not know (code rolled back)", async () => {
    const file = path.join(dir, "newer.sqlite");
    prepareDatabase(file).$client.close();
    const sqlite = new Database(file);
    sqlite
      .prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-a-newer-version', ?)")
      .run(shippedMigrations().at(-1)!.when + 1000);
    sqlite.close();
    const { status, cacheControl, body } = await probe(file);
    expect(status).toBe(503);
    expect(cacheControl).toBe("no-store");
    expect(body.status).toBe("unavailable");
    expect(body.database.reachable).toBe(true);
    const expected = shippedMigrations().length;
    expect(body.database.problem).toBe(
      `migrations: ${expected + 1} applied, ${expected} expected (latest ${shippedMigrations().at(-1)!.tag})`,
    );
    expect(body.database.migrations.latestApplied).toMatch(/^unknown \(\d+\)$/);
  });

  it("is 503 naming the problem when the database cannot be opened", async () => {
    const { status, cacheControl, body } = await probe("/proc/nope/x.sqlite");
    expect(status).toBe(503);
    expect(cacheControl).toBe("no-store");
    expect(body.status).toBe("unavailable");
    expect(body.database.reachable).toBe(false);
    expect(body.database.problem).toMatch(/Cannot use the database file \/proc\/nope\/x\.sqlite/);
  });
});
