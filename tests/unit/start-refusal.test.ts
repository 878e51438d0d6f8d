/** `npm start` refuses a weak sign-in configuration before building or serving anything. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

function start(env: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-start-"));
  try {
    const result = spawnSync(
      process.execPath,
      [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"],
      {
        env: {
          ...process.env,
          NODE_ENV: "production",
          DATABASE_URL: path.join(dir, "db.sqlite"),
          PORT: "3999",
          ...env,
        },
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    return { status: result.status, stderr: result.stderr, created: fs.existsSync(path.join(dir, "db.sqlite")) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("npm start with a weak configuration", () => {
  it.each([
    [{ AUTH_SECRET: "too-short" }, /AUTH_SECRET must be at least 32 characters/],
    [{ ADMIN_EMAIL: "boss@example.org", ADMIN_PASSWORD: "short" }, /ADMIN_PASSWORD must be at least 12 characters/],
    [{ ADMIN_PASSWORD: "a long enough password" }, /ADMIN_PASSWORD is set without ADMIN_EMAIL/],
    [{ RESPONSE_CACHE_MB: "0.5" }, /RESPONSE_CACHE_MB: must be 0 \(no response cache\) or a number of MiB from 1/],
    [{ RESPONSE_CACHE_MB: "lots" }, /RESPONSE_CACHE_MB: must be 0/],
    [
      { LITESTREAM_REPLICA_URL: "ftp://backups.example/accord" },
      /LITESTREAM_REPLICA_URL must be a replica URL such as file:\/\/\/var\/backups\/accord or s3:\/\/bucket\/accord/,
    ],
    [{ LITESTREAM_REPLICA_URL: "/var/backups/accord" }, /LITESTREAM_REPLICA_URL must be a replica URL/],
  ])("refuses %j and touches no database", (env, message) => {
    const { status, stderr, created } = start(env);
    expect(status).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^Accord Tracker could not start/m);
    expect(created).toBe(false);
  });
});
