import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { cacheStatements } from "../../db/statement-cache";

let dir: string;
let sqlite: Database.Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-stmt-"));
  sqlite = new Database(path.join(dir, "t.sqlite"));
  sqlite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b'), ('c');");
  cacheStatements(sqlite);
});

afterEach(() => {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("cacheStatements (one compiled statement per SQL text)", () => {
  it("hands out the same statement for the same text, a new one for another text", () => {
    const a = sqlite.prepare("SELECT name FROM t WHERE id = ?");
    expect(sqlite.prepare("SELECT name FROM t WHERE id = ?")).toBe(a);
    expect(sqlite.prepare("SELECT name FROM t WHERE id > ?")).not.toBe(a);
    expect(a.get(2)).toEqual({ name: "b" });
  });

  it("puts a statement back to plain rows after raw, pluck or expand (drizzle's values() sets raw)", () => {
    const db = drizzle(sqlite);
    const query = sql`SELECT id, name FROM t ORDER BY id`;
    expect(db.values(query)).toEqual([
      [1, "a"],
      [2, "b"],
      [3, "c"],
    ]);
    expect(db.all(query)).toEqual([
      { id: 1, name: "a" },
      { id: 2, name: "b" },
      { id: 3, name: "c" },
    ]);
    sqlite.prepare("SELECT id, name FROM t ORDER BY id").pluck();
    expect(db.get(query)).toEqual({ id: 1, name: "a" });
    sqlite.prepare("SELECT id, name FROM t ORDER BY id").expand();
    expect(db.all(query)[0]).toEqual({ id: 1, name: "a" });
  });

  it("never hands out a statement whose iterator is open", () => {
    const text = "SELECT id FROM t ORDER BY id";
    const first = sqlite.prepare(text).pluck();
    const seen: number[] = [];
    for (const id of first.iterate() as Iterable<number>) {
      seen.push(id);
      const again = sqlite.prepare(text);
      expect(again).not.toBe(first);
      if (id === 3) break;
    }
    expect(seen).toEqual([1, 2, 3]);
    // Once the iterator is closed the cached statement serves again, in plain-row mode.
    expect(sqlite.prepare(text)).toBe(first);
    expect(sqlite.prepare(text).all()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it("writes and a schema change work through cached statements; a bad text throws and is not kept", () => {
    const insert = "INSERT INTO t (name) VALUES (?)";
    sqlite.prepare(insert).run("d");
    sqlite.prepare(insert).run("e");
    expect(sqlite.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 5 });
    expect(sqlite.prepare("SELECT * FROM t WHERE id = 1").get()).toEqual({ id: 1, name: "a" });
    sqlite.exec("ALTER TABLE t ADD COLUMN extra TEXT DEFAULT 'x'");
    expect(sqlite.prepare("SELECT * FROM t WHERE id = 1").get()).toEqual({ id: 1, name: "a", extra: "x" });
    expect(() => sqlite.prepare("SELECT nope FROM t")).toThrow(/no such column/);
    expect(() => sqlite.prepare("SELECT nope FROM t")).toThrow(/no such column/);
  });
});
