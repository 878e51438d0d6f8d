/**
 * Backups and restores on real files (db/backup.ts, npm run db:backup / db:restore): a backup taken
 * while another process writes is consistent and checked; a restore refuses a running app and bad
 * files, keeps the previous database aside with what its WAL held, and puts the backup in place.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";

import {
  backupDatabase,
  checkDatabaseFile,
  DatabaseCheckError,
  DatabaseInUseError,
  defaultBackupFile,
  restoreDatabase,
} from "../../db/backup";
import { prepareDatabase } from "../../db/client";
import { bulkLoadSettings, endBulkLoad, growDatabase } from "../../db/grow";

// These build real databases and start child processes: on a busy 2-core machine that takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-backup-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const BETTER_SQLITE3 = require.resolve("better-sqlite3");
const TSX = path.join("node_modules", "tsx", "dist", "cli.mjs");

/** A grown database (default dataset + `commitments` generated ones), closed. */
function grown(name: string, commitments = 100): string {
  const file = path.join(dir, name);
  const db = prepareDatabase(file);
  growDatabase(db.$client, { commitments });
  db.$client.close();
  return file;
}

/**
 * A child process that writes `count` transactions of one status update plus its audit row (as the
 * app does) to `file`, printing "started" after the first and "done N" at the end.
 */
function writer(file: string, count: number, extra = ""): ChildProcess {
  const script = `
    const Database = require(${JSON.stringify(BETTER_SQLITE3)});
    const db = new Database(${JSON.stringify(file)});
    db.pragma("journal_mode = WAL"); db.pragma("busy_timeout = 5000"); db.pragma("synchronous = FULL");
    ${extra}
    const id = db.prepare("SELECT min(id) FROM commitments").pluck().get();
    const su = db.prepare("INSERT INTO status_updates (commitment_id, status_to, note, happened_on) VALUES (?, 'in_progress', ?, '2026-01-01') RETURNING id");
    const au = db.prepare("INSERT INTO audit_log (action, entity_type, entity_id, after) VALUES ('status_update.create', 'commitment', ?, ?)");
    const one = db.transaction((i) => { const row = su.get(id, 'writer ' + i); au.run(String(id), JSON.stringify({ statusUpdateId: row.id, writer: i })); });
    for (let i = 0; i < ${count}; i++) { one.immediate(i); if (i === 0) console.log("started"); }
    console.log("done " + ${count});
  `;
  return spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
}

function waitFor(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(text)) resolve();
    });
    // "close", not "exit": the output is all read by then.
    child.on("close", () => (out.includes(text) ? resolve() : reject(new Error(`child ended without "${text}"`))));
  });
}

/** Status updates and audit rows written by `writer()` in `file`. */
function writerRows(file: string): { updates: number; audits: number; unmatched: number } {
  const db = new Database(file, { readonly: true });
  try {
    const updates = db
      .prepare("SELECT count(*) FROM status_updates WHERE note LIKE 'writer %'")
      .pluck()
      .get() as number;
    const audits = db
      .prepare("SELECT count(*) FROM audit_log WHERE json_extract(after, '$.writer') IS NOT NULL")
      .pluck()
      .get() as number;
    const unmatched = db
      .prepare(
        `SELECT count(*) FROM status_updates s WHERE s.note LIKE 'writer %' AND NOT EXISTS
           (SELECT 1 FROM audit_log a WHERE json_extract(a.after, '$.statusUpdateId') = s.id)`,
      )
      .pluck()
      .get() as number;
    return { updates, audits, unmatched };
  } finally {
    db.close();
  }
}

describe("db/grow: the large-database generator", () => {
  it("adds the promised shape through the real tables, the same for the same seed, fast settings or not", () => {
    const a = path.join(dir, "grow-a.sqlite");
    const b = path.join(dir, "grow-b.sqlite");
    const c = path.join(dir, "grow-c.sqlite");
    for (const file of [a, b, c]) {
      const db = prepareDatabase(file);
      // The fast settings of `npm run db:grow` and `npm run bench:scale` change nothing of the rows.
      if (file === a) bulkLoadSettings(db.$client);
      const result = growDatabase(db.$client, { commitments: 60, seed: file === c ? 4 : 3 });
      if (file === a) {
        endBulkLoad(db.$client);
        // Back to the app's journal once grown.
        expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
      }
      expect(result).toMatchObject({
        agreements: 3,
        commitments: 75,
        milestones: 15,
        statusUpdates: 750,
        evidence: 375,
        auditRows: 750,
      });
      // The time of each phase: the generation, each table in the order of its foreign keys, the commit.
      expect(result.phases.map((p) => [p.name, p.rows])).toEqual([
        ["generate rows", 0],
        ["agreements", 3],
        ["agreement_parties", 6],
        ["commitments", 75],
        ["commitment_parties", 150],
        ["status_updates", 750],
        ["evidence", 375],
        ["audit_log", 750],
        ["commit", 0],
      ]);
      expect(result.phases.every((p) => p.milliseconds >= 0)).toBe(true);
      db.$client.close();
    }
    const check = checkDatabaseFile(a);
    // The default dataset's 1 agreement and 17 commitments, plus the grown ones.
    expect(check.counts.agreements).toBe(1 + 3);
    expect(check.counts.commitments).toBe(17 + 75);
    const db = new Database(a, { readonly: true });
    const other = new Database(b, { readonly: true });
    const otherSeed = new Database(c, { readonly: true });
    try {
      // Every generated row (the default dataset's own timestamps are the time it was seeded).
      const grown = "SELECT id FROM agreements WHERE slug LIKE 'grown-%'";
      const grownCommitments = `SELECT id FROM commitments WHERE agreement_id IN (${grown})`;
      const queries = [
        `SELECT id, slug, title, kind, signed_on, place, summary, source_url FROM agreements WHERE id IN (${grown}) ORDER BY id`,
        `SELECT * FROM agreement_parties WHERE agreement_id IN (${grown}) ORDER BY 1, 2`,
        `SELECT id, agreement_id, parent_id, ref, position, title, description, quote, theme, strength, owner,
           target_date, target_precision, target_phrase, status, progress, version, live
         FROM commitments WHERE id IN (${grownCommitments}) ORDER BY id`,
        `SELECT * FROM commitment_parties WHERE commitment_id IN (${grownCommitments}) ORDER BY 1, 2`,
        `SELECT * FROM status_updates WHERE commitment_id IN (${grownCommitments}) ORDER BY id`,
        `SELECT * FROM evidence WHERE commitment_id IN (${grownCommitments}) ORDER BY id`,
        `SELECT * FROM audit_log WHERE action = 'status_update.create' ORDER BY id`,
        `SELECT * FROM agreement_activity ORDER BY 1`,
        `SELECT rowid, * FROM commitment_search WHERE rowid IN (${grownCommitments}) ORDER BY rowid`,
      ];
      const dump = (d: Database.Database) => queries.map((q) => d.prepare(q).raw().all());
      const mine = dump(db);
      expect(mine.map((rows) => rows.length)).toEqual([3, 6, 75, 150, 750, 375, 750, 1 + 3, 75]);
      expect(mine).toEqual(dump(other));
      // Another seed gives other rows of the same shape.
      const theirs = dump(otherSeed);
      expect(theirs.map((rows) => rows.length)).toEqual(mine.map((rows) => rows.length));
      expect(theirs[2]).not.toEqual(mine[2]);

      const grownRows = "FROM commitments c JOIN agreements a ON a.id = c.agreement_id WHERE a.slug LIKE 'grown-%'";
      expect(db.prepare(`SELECT count(*) ${grownRows} AND c.parent_id IS NOT NULL`).pluck().get()).toBe(15);
      // The live-flag trigger ran for each row, milestones (inserted after their parents) included.
      expect(db.prepare(`SELECT count(*) ${grownRows} AND c.live = 1`).pluck().get()).toBe(75);
      // Each commitment owes both of its agreement's two parties.
      expect(
        db
          .prepare(`SELECT count(*) FROM commitment_parties WHERE commitment_id IN (SELECT c.id ${grownRows})`)
          .pluck()
          .get(),
      ).toBe(150);
      // The FTS triggers ran: the notes of the status updates and the evidence titles are searchable.
      expect(
        db
          .prepare("SELECT count(*) FROM commitment_search WHERE commitment_search MATCH '\"Update 10 on item\"'")
          .pluck()
          .get(),
      ).toBe(75);
      expect(
        db
          .prepare(
            "SELECT count(*) FROM commitment_search WHERE commitment_search MATCH 'evidence : \"Report 9 on item\"'",
          )
          .pluck()
          .get(),
      ).toBe(75);
      // The activity trigger ran: each grown agreement's latest update day is the latest of its rows.
      expect(
        db
          .prepare(
            `SELECT count(*) FROM agreement_activity aa WHERE aa.agreement_id IN (${grown}) AND aa.last_update_on =
               (SELECT max(su.happened_on) FROM status_updates su JOIN commitments c ON c.id = su.commitment_id
                WHERE c.agreement_id = aa.agreement_id)`,
          )
          .pluck()
          .get(),
      ).toBe(3);
      // The audit rows' JSON is what JSON.stringify writes.
      const row = db
        .prepare("SELECT before, after FROM audit_log WHERE action = 'status_update.create' ORDER BY id DESC LIMIT 1")
        .get() as { before: string; after: string };
      expect(JSON.stringify(JSON.parse(row.before))).toBe(row.before);
      expect(JSON.stringify(JSON.parse(row.after))).toBe(row.after);
      expect(JSON.parse(row.after)).toMatchObject({ version: 11, note: expect.stringMatching(/^Update 10 on item /) });
    } finally {
      db.close();
      other.close();
      otherSeed.close();
    }
  });
});

describe("db:backup", () => {
  it("takes a consistent, checked copy while another process writes", async () => {
    const source = grown("live.sqlite", 600);
    const target = path.join(dir, "backups", "live-copy.sqlite");
    const child = writer(source, 2000);
    await waitFor(child, "started");
    const result = await backupDatabase(source, target);
    await waitFor(child, "done");
    const copied = writerRows(target);
    const live = writerRows(source);
    // The copy holds a prefix of the writer's transactions, each whole: an update never without
    // its audit row. (That it did overlap the writes is shown by the copy holding some but not all.)
    expect(copied.unmatched).toBe(0);
    expect(copied.updates).toBe(copied.audits);
    expect(copied.updates).toBeGreaterThan(0);
    expect(live).toEqual({ updates: 2000, audits: 2000, unmatched: 0 });
    expect(result.counts.status_updates).toBeGreaterThanOrEqual(600 * 10 + copied.updates);
    expect(result.bytes).toBe(fs.statSync(target).size);
    expect(fs.existsSync(`${target}.partial`)).toBe(false);
    // A self-contained file: rollback journal, no -wal needed beside it.
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    copy.close();
  }, 120_000);

  it("prints size, counts and time, to a timestamped file under backups/ by default", () => {
    const source = grown("cli.sqlite", 25);
    const run = spawnSync(process.execPath, [TSX, "scripts/db-backup.ts"], {
      env: { ...process.env, DATABASE_URL: source },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const made = fs.readdirSync(path.join(dir, "backups")).filter((f) => /^cli-\d{8}T\d{6}Z\.sqlite$/.test(f));
    expect(made).toHaveLength(1);
    expect(run.stdout).toContain(`to ${path.join(dir, "backups", made[0]!)} in `);
    expect(run.stdout).toMatch(/size: +\d+\.\d MiB \(\d+ bytes\)/);
    expect(run.stdout).toContain("integrity_check ok, foreign_key_check ok");
    expect(run.stdout).toMatch(/commitments: +42\n/);
    expect(run.stdout).toMatch(/status_updates: +\d+/);
    expect(defaultBackupFile("/srv/data/accord.sqlite", new Date("2026-12-02T03:04:05.678Z"))).toBe(
      "/srv/data/backups/accord-20261202T030405Z.sqlite",
    );
  });

  it("refuses a missing database and an existing target", async () => {
    await expect(backupDatabase(path.join(dir, "none.sqlite"), path.join(dir, "x.sqlite"))).rejects.toThrow(
      /none\.sqlite does not exist/,
    );
    const source = grown("exists.sqlite", 25);
    await expect(backupDatabase(source, source)).rejects.toThrow(/exists already/);
  });
});

describe("db:restore", () => {
  it("refuses while another process has the database open, and touches nothing", async () => {
    const backup = path.join(dir, "for-running.sqlite");
    await backupDatabase(grown("running-src.sqlite", 25), backup);
    const target = grown("running.sqlite", 50);
    const before = fs.readFileSync(target);
    // An idle app: opened the database, read once, waits.
    const app = spawn(
      process.execPath,
      [
        "-e",
        `const D = require(${JSON.stringify(BETTER_SQLITE3)}); const db = new D(${JSON.stringify(target)});
         db.pragma("journal_mode = WAL"); db.prepare("SELECT count(*) FROM commitments").get();
         console.log("open"); setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await waitFor(app, "open");
      expect(() => restoreDatabase(backup, target)).toThrow(DatabaseInUseError);
      expect(() => restoreDatabase(backup, target)).toThrow(/is open in another process .*Stop the app first/);
      expect(fs.readFileSync(target).equals(before)).toBe(true);
      expect(fs.readdirSync(dir).filter((f) => f.startsWith("running.sqlite.before-restore"))).toEqual([]);
    } finally {
      app.kill("SIGKILL");
    }
  });

  it("keeps the previous database aside with what its WAL held, and puts the backup in place", async () => {
    const backup = path.join(dir, "good-backup.sqlite");
    await backupDatabase(grown("good-src.sqlite", 25), backup);
    const target = grown("crashed-app.sqlite", 50);
    // An app killed outright after committing: its last writes are only in the -wal.
    await waitFor(writer(target, 20, 'db.pragma("wal_autocheckpoint = 0");'), "done");
    const killed = writer(target, 5, 'db.pragma("wal_autocheckpoint = 0"); setTimeout(() => {}, 60000);');
    await waitFor(killed, "done");
    const gone = new Promise((r) => killed.on("close", r));
    killed.kill("SIGKILL");
    await gone;
    expect(fs.statSync(`${target}-wal`).size).toBeGreaterThan(0);

    const result = restoreDatabase(backup, target);
    expect(result.keptAside).toMatch(/crashed-app\.sqlite\.before-restore-\d{8}T\d{6}Z$/);
    expect(result.movedCompanions).toEqual([]);
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
    expect(fs.existsSync(`${target}-shm`)).toBe(false);
    // The kept file alone holds everything the old app had committed, WAL included.
    expect(writerRows(result.keptAside!)).toEqual({ updates: 25, audits: 25, unmatched: 0 });
    expect(checkDatabaseFile(result.keptAside!).counts.commitments).toBe(17 + 50);
    // The database is now the backup.
    expect(checkDatabaseFile(target).counts).toEqual(checkDatabaseFile(backup).counts);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    const reopened = prepareDatabase(target);
    expect(reopened.$client.prepare("SELECT count(*) FROM commitments").pluck().get()).toBe(17 + 25);
    reopened.$client.close();
  }, 60_000);

  it("restores into an empty place, and says what it did on the command line", async () => {
    const backup = path.join(dir, "cli-backup.sqlite");
    await backupDatabase(grown("cli-src.sqlite", 25), backup);
    const target = path.join(dir, "new-home", "accord.sqlite");
    const run = spawnSync(process.execPath, [TSX, "scripts/db-restore.ts", backup], {
      env: { ...process.env, DATABASE_URL: target },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Restored ${backup}\n    into ${target} in `);
    expect(run.stdout).toContain("There was no database there before.");
    expect(run.stdout).toMatch(/commitments: +42\n/);
    expect(checkDatabaseFile(target).counts.commitments).toBe(42);
  });

  it("refuses missing, foreign, damaged and inconsistent files with the reason, touching nothing", async () => {
    const target = grown("keep-me.sqlite", 25);
    const before = fs.readFileSync(target);
    const text = path.join(dir, "notes.txt");
    fs.writeFileSync(text, "these are not the rows you are looking for\n".repeat(100));
    const foreign = path.join(dir, "other-app.sqlite");
    const other = new Database(foreign);
    other.exec("CREATE TABLE todo (id INTEGER PRIMARY KEY, what TEXT); INSERT INTO todo (what) VALUES ('milk');");
    other.close();
    const damaged = path.join(dir, "damaged.sqlite");
    await backupDatabase(grown("damaged-src.sqlite", 200), damaged);
    const bytes = fs.readFileSync(damaged);
    // Scribble over pages in the middle of the file, keeping the header.
    bytes.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 16384);
    fs.writeFileSync(damaged, bytes);
    const dangling = path.join(dir, "dangling.sqlite");
    await backupDatabase(grown("dangling-src.sqlite", 25), dangling);
    const d = new Database(dangling);
    d.pragma("foreign_keys = OFF");
    d.prepare(
      "INSERT INTO status_updates (commitment_id, status_to, happened_on) VALUES (999999, 'in_progress', '2026-01-01')",
    ).run();
    d.close();
    // Migrated past 0016 but without its table: not a database this code made.
    const lacking = path.join(dir, "lacking.sqlite");
    await backupDatabase(grown("lacking-src.sqlite", 25), lacking);
    const l = new Database(lacking);
    l.exec("DROP TABLE import_candidates; DROP TABLE import_runs;");
    l.close();
    // An older database (before 0015) has none of the later tables and is still a backup.
    const older = path.join(dir, "older.sqlite");
    await backupDatabase(grown("older-src.sqlite", 25), older);
    const o = new Database(older);
    o.exec("DROP TABLE import_candidates; DROP TABLE import_runs;");
    o.prepare(
      "DELETE FROM __drizzle_migrations WHERE created_at >= (SELECT created_at FROM __drizzle_migrations ORDER BY created_at LIMIT 1 OFFSET 16)",
    ).run();
    o.close();
    expect(checkDatabaseFile(older).counts).toMatchObject({ import_runs: null, import_candidates: null });
    expect(checkDatabaseFile(lacking.replace("lacking", "lacking-src")).counts).toMatchObject({
      source_documents: 1,
      import_runs: 0,
      import_candidates: 0,
    });

    const cases: [string, RegExp][] = [
      [path.join(dir, "missing.sqlite"), /missing\.sqlite does not exist\./],
      [text, /notes\.txt is not a SQLite database \(it does not start with the SQLite header\)\./],
      [
        foreign,
        /other-app\.sqlite is a SQLite database but not Accord Tracker's \(it lacks __drizzle_migrations, agreements/,
      ],
      [
        lacking,
        /lacking\.sqlite is a SQLite database but not Accord Tracker's \(it lacks import_runs, import_candidates\)/,
      ],
      [
        damaged,
        /damaged\.sqlite (is damaged: integrity_check says|cannot be read as a database: database disk image is malformed)/,
      ],
      [
        dangling,
        /dangling\.sqlite has 1 row\(s\) pointing at rows that do not exist \(foreign_key_check\): status_updates row \d+ → commitments/,
      ],
    ];
    for (const [file, message] of cases) {
      expect(() => restoreDatabase(file, target)).toThrow(DatabaseCheckError);
      expect(() => restoreDatabase(file, target)).toThrow(message);
    }
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("keep-me.sqlite.before-restore"))).toEqual([]);
  });
});
