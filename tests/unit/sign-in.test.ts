/** Sign-in rules: credentials, throttling, redirects, the auth secret and the first admin. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { authenticate } from "@/auth/authenticate";
import { adminSetting, ConfigError, resolveAuthSecret, secretFileFor } from "@/auth/config-check";
import { prepareAuth } from "@/auth/startup";
import * as schema from "@/db/schema";
import { generatePassword, verifyPassword } from "@/lib/passwords";
import { safeRedirectPath } from "@/lib/redirect";
import { throttleState } from "@/lib/throttle";

import { createTempDb, type TempDb } from "../support/temp-db";
import { insertUser, TEST_PASSWORD } from "../support/users";

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

const minutes = (n: number) => n * 60_000;

describe("authenticate", () => {
  it("accepts the right password, whatever the email's case, and audits it", async () => {
    const id = await insertUser(t.db, "editor@example.org", "editor");
    const result = await authenticate(t.db, { email: "  Editor@Example.ORG ", password: TEST_PASSWORD });
    expect(result).toEqual({ ok: true, user: { id, email: "editor@example.org", name: "editor", role: "editor" } });
    expect(t.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "user.sign_in")).all()).toHaveLength(1);
  });

  it("gives the same answer for a wrong password, an unknown email and a disabled user", async () => {
    await insertUser(t.db, "editor@example.org", "editor");
    await insertUser(t.db, "gone@example.org", "editor", { disabled: true });
    const answers = await Promise.all([
      authenticate(t.db, { email: "editor@example.org", password: "not the password" }),
      authenticate(t.db, { email: "nobody@example.org", password: TEST_PASSWORD }),
      authenticate(t.db, { email: "gone@example.org", password: TEST_PASSWORD }),
      authenticate(t.db, { email: "", password: "" }),
    ]);
    expect(answers).toEqual(Array(4).fill({ ok: false, reason: "invalid" }));
    expect(
      t.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "user.sign_in_failed")).all(),
    ).toHaveLength(3);
  });

  it("locks an email for 15 minutes after 5 failures in 15 minutes, even for the right password", async () => {
    await insertUser(t.db, "editor@example.org", "editor");
    for (let i = 0; i < 5; i++) {
      expect(await authenticate(t.db, { email: "editor@example.org", password: `wrong ${i}` })).toMatchObject({
        reason: "invalid",
      });
    }
    const now = new Date();
    expect(await authenticate(t.db, { email: "editor@example.org", password: TEST_PASSWORD }, now)).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect(
      await authenticate(
        t.db,
        { email: "EDITOR@example.org", password: TEST_PASSWORD },
        new Date(now.getTime() + minutes(14)),
      ),
    ).toMatchObject({
      reason: "throttled",
    });
    expect(
      await authenticate(
        t.db,
        { email: "editor@example.org", password: TEST_PASSWORD },
        new Date(now.getTime() + minutes(16)),
      ),
    ).toMatchObject({
      ok: true,
    });
    // An unknown email is locked the same way, so the lock says nothing about which accounts exist.
    for (let i = 0; i < 5; i++) await authenticate(t.db, { email: "ghost@example.org", password: "x" });
    expect(await authenticate(t.db, { email: "ghost@example.org", password: "x" })).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect(
      t.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "user.sign_in_throttled")).all().length,
    ).toBe(3);
  });
});

describe("throttle rule", () => {
  const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 12, m));
  it("locks after 5 failures within 15 minutes, for 15 minutes from the fifth", () => {
    const failures = [0, 2, 4, 6, 8].map(at);
    expect(throttleState(failures.slice(0, 4), at(9))).toEqual({ locked: false });
    expect(throttleState(failures, at(9))).toEqual({ locked: true, until: at(23) });
    expect(throttleState(failures, at(23))).toEqual({ locked: false });
  });
  it("does not lock for 5 failures spread over more than 15 minutes", () => {
    expect(throttleState([0, 4, 8, 12, 16].map(at), at(17))).toEqual({ locked: false });
  });
});

describe("redirect after sign-in", () => {
  it.each([
    ["/staff/commitments/6?x=1#top", "/staff/commitments/6?x=1#top"],
    ["/admin", "/admin"],
    ["https://evil.example/", "/staff"],
    ["//evil.example/", "/staff"],
    ["/\\evil.example", "/staff"],
    ["javascript:alert(1)", "/staff"],
    ["staff", "/staff"],
    ["/%0d%0aSet-Cookie:x", "/%0d%0aSet-Cookie:x"],
    ["/a\nb", "/staff"],
    ["/.//evil.example", "/staff"],
    ["/a/..//evil.example/x", "/staff"],
    ["/x/%2e%2e//evil.example", "/staff"],
    [undefined, "/staff"],
  ])("%j → %j", (raw, expected) => {
    expect(safeRedirectPath(raw)).toBe(expected);
  });
});

describe("start-up configuration", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-auth-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("refuses a short AUTH_SECRET", () => {
    expect(() => resolveAuthSecret({ AUTH_SECRET: "short" }, path.join(dir, "db.sqlite"))).toThrow(ConfigError);
    expect(() => resolveAuthSecret({ AUTH_SECRET: "short" }, path.join(dir, "db.sqlite"))).toThrow(
      /at least 32 characters/,
    );
  });

  it("generates a secret beside the database once, readable by the owner only, and reuses it", () => {
    const db = path.join(dir, "db.sqlite");
    const first = resolveAuthSecret({}, db);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(secretFileFor(db)).mode & 0o777).toBe(0o600);
    expect(resolveAuthSecret({}, db)).toBe(first);
    expect(resolveAuthSecret({ AUTH_SECRET: "x".repeat(40) }, db)).toBe("x".repeat(40));
  });

  it("checks the first admin's settings", () => {
    expect(adminSetting({})).toEqual({ email: "admin@accord.local", password: null });
    expect(adminSetting({ ADMIN_EMAIL: "boss@example.org", ADMIN_PASSWORD: "long enough pass" })).toEqual({
      email: "boss@example.org",
      password: "long enough pass",
    });
    expect(() => adminSetting({ ADMIN_EMAIL: "boss@example.org", ADMIN_PASSWORD: "short" })).toThrow(
      /at least 12 characters/,
    );
    expect(() => adminSetting({ ADMIN_PASSWORD: "long enough pass" })).toThrow(/without ADMIN_EMAIL/);
    expect(() => adminSetting({ ADMIN_EMAIL: "not-an-email" })).toThrow(/not an email/);
  });

  it("creates the first admin once, printing a generated password that is stored only as a hash", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await prepareAuth(t.db, path.join(dir, "db.sqlite"), {});
    const printed = log.mock.calls.map((c) => String(c[0])).join("\n");
    const password = /password: (\S+)/.exec(printed)?.[1] ?? "";
    expect(password).toHaveLength(20);
    const admin = t.db.select().from(schema.users).get();
    expect(admin).toMatchObject({ email: "admin@accord.local", role: "admin" });
    expect(admin?.passwordHash).not.toContain(password);
    expect(admin?.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(admin?.passwordHash ?? "", password)).toBe(true);

    log.mockClear();
    await prepareAuth(t.db, path.join(dir, "db.sqlite"), {});
    expect(log).not.toHaveBeenCalled();
    expect(t.db.select().from(schema.users).all()).toHaveLength(1);
    log.mockRestore();
  });

  it("generates passwords from an unambiguous alphabet", () => {
    const p = generatePassword();
    expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
    expect(generatePassword()).not.toBe(p);
  });
});
