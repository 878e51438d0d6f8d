/**
 * `npm start` with a database path that cannot hold a database ends at once with a message naming
 * the path and the reason (issue 8, defect 6: `/proc/nope/x.sqlite` used to spin for ever inside
 * Node's recursive mkdir). The refusal comes before the build, so these runs take a second each.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it, vi } from "vitest";

import { openDatabase } from "../../db/client";
import { DatabaseLocationError, prepareDatabaseLocation } from "../../db/location";

// Each case starts `npm start`'s script in a new Node process: seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-dbpath-"));
fs.chmodSync(dir, 0o755);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/** Run `npm start`'s script; as root, `asOther` runs it as the unprivileged user `nobody`. */
function start(databaseUrl: string, { asOther = false } = {}) {
  const result = spawnSync(
    process.execPath,
    [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"],
    {
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, PORT: "3999", HOME: os.tmpdir() },
      encoding: "utf8",
      // A guard against the old endless loop, not a speed assertion.
      timeout: 30_000,
      ...(asOther && isRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    },
  );
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

function expectRefusal(run: ReturnType<typeof start>, file: string, why: RegExp) {
  expect(run.signal).toBeNull();
  expect(run.status).toBe(1);
  expect(run.stdout).not.toMatch(/Build is up to date|Building the app/);
  expect(run.stderr).toContain(`Accord Tracker could not start: Cannot use the database file ${file}:`);
  expect(run.stderr).toMatch(why);
}

describe("npm start with a database path that cannot be used", () => {
  it("a folder under /proc: named, with the reason, and no endless loop", () => {
    expectRefusal(
      start("/proc/nope/x.sqlite"),
      "/proc/nope/x.sqlite",
      /the folder \/proc\/nope cannot be created: the file system does not allow creating it there \(ENOENT\)/,
    );
  });

  it("a file directly in /proc", () => {
    expectRefusal(start("/proc/x.sqlite"), "/proc/x.sqlite", /it cannot be created: .*\(ENOENT\)/);
  });

  it("a parent that is a file", () => {
    const parent = path.join(dir, "plain-file");
    fs.writeFileSync(parent, "not a folder");
    const file = path.join(parent, "sub", "x.sqlite");
    expectRefusal(start(file), file, new RegExp(`${parent.replace(/[/.]/g, "\\$&")} is a file, not a folder`));
  });

  it("a folder in place of the file", () => {
    const folder = path.join(dir, "a-folder");
    fs.mkdirSync(folder);
    expectRefusal(start(folder), folder, /it is a folder\./);
  });

  it("a device in place of the file", () => {
    expectRefusal(start("/dev/null"), "/dev/null", /it is not a regular file\./);
  });

  it("a folder the user may not write in", () => {
    const locked = path.join(dir, "locked");
    fs.mkdirSync(locked, { mode: 0o755 });
    if (!isRoot) fs.chmodSync(locked, 0o555);
    const file = path.join(locked, "new", "x.sqlite");
    expectRefusal(
      start(file, { asOther: true }),
      file,
      new RegExp(`the folder ${locked.replace(/[/.]/g, "\\$&")}/new cannot be created: permission denied \\(EACCES\\)`),
    );
  });

  it("a database file the user may not write", () => {
    const shared = path.join(dir, "shared");
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o777);
    const file = path.join(shared, "read-only.sqlite");
    fs.writeFileSync(file, "");
    fs.chmodSync(file, 0o444);
    expectRefusal(start(file, { asOther: true }), file, /it cannot be read and written: permission denied \(EACCES\)/);
  });
});

describe("npm start on a read-only file system", () => {
  it("names the folder and says the file system is read-only", () => {
    const ro = path.join(dir, "read-only");
    fs.mkdirSync(ro);
    const file = path.join(ro, "sub", "x.sqlite");
    // A private mount namespace (util-linux unshare; -r maps the user to root when not root) in
    // which the folder is bind-mounted read-only: nothing outside the test sees it.
    const script = `mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$1" "$2" scripts/start.ts`;
    const run = spawnSync(
      "unshare",
      [
        isRoot ? "-m" : "-rm",
        "sh",
        "-c",
        script,
        ro,
        process.execPath,
        path.join("node_modules", "tsx", "dist", "cli.mjs"),
      ],
      {
        env: { ...process.env, NODE_ENV: "production", DATABASE_URL: file, PORT: "3999" },
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    expectRefusal(
      { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr },
      file,
      /the folder .*\/read-only\/sub cannot be created: the file system is read-only \(EROFS\)/,
    );
  });
});

describe("prepareDatabaseLocation", () => {
  it("creates missing folders and a new empty file readable by its owner only", () => {
    const file = path.join(dir, "fresh", "deeper", "db.sqlite");
    expect(prepareDatabaseLocation(file)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(prepareDatabaseLocation(file)).toBe(false);
    const db = openDatabase(file);
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    db.$client.close();
  });

  it("throws a DatabaseLocationError that openDatabase passes on", () => {
    expect(() => openDatabase("/proc/nope/x.sqlite")).toThrow(DatabaseLocationError);
  });

  it("names the file when it exists but is not a database", () => {
    const file = path.join(dir, "not-a-database.sqlite");
    fs.writeFileSync(file, "garbage that is not SQLite, long enough to fill a header page.".repeat(20));
    expect(() => openDatabase(file)).toThrow(`Cannot use the database file ${file}: file is not a database.`);
  });
});
