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
import { recordSignIn } from "@/db/users";
import { ADDRESS_MAX_FAILURES, type Failure, signInDecision, throttleState } from "@/lib/throttle";

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

  it("locks an email for 15 minutes after 5 failures in 15 minutes for the address that made them, even for the right password", async () => {
    await insertUser(t.db, "editor@example.org", "editor");
    for (let i = 0; i < 5; i++) {
      expect(await authenticate(t.db, { email: "editor@example.org", password: `wrong ${i}` })).toMatchObject({
        reason: "invalid",
      });
    }
    const now = new Date();
    expect(await authenticate(t.db, { email: "editor@example.org", password: TEST_PASSWORD }, { now })).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect(
      await authenticate(
        t.db,
        { email: "EDITOR@example.org", password: TEST_PASSWORD },
        { now: new Date(now.getTime() + minutes(14)) },
      ),
    ).toMatchObject({
      reason: "throttled",
    });
    expect(
      await authenticate(
        t.db,
        { email: "editor@example.org", password: TEST_PASSWORD },
        { now: new Date(now.getTime() + minutes(16)) },
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

describe("authenticate, per client address", () => {
  const STRANGER = "203.0.113.9";
  const OWNER = "198.51.100.7";
  const signInRows = () =>
    t.db
      .select({ action: schema.auditLog.action, key: schema.auditLog.entityId, address: schema.auditLog.clientAddress })
      .from(schema.auditLog)
      .all()
      .filter((r) => r.action.startsWith("user.sign_in"));

  it("a stranger who locks an editor's email does not lock out the editor, who signs in from elsewhere", async () => {
    await insertUser(t.db, "editor@example.org", "editor");
    for (let i = 0; i < 5; i++) {
      await authenticate(t.db, { email: "editor@example.org", password: `guess ${i}` }, { address: STRANGER });
    }
    // The stranger's address is refused even with the right password (it made the failures) ...
    expect(
      await authenticate(t.db, { email: "editor@example.org", password: TEST_PASSWORD }, { address: STRANGER }),
    ).toEqual({ ok: false, reason: "throttled" });
    // ... the editor's own address is not.
    expect(
      await authenticate(t.db, { email: "editor@example.org", password: TEST_PASSWORD }, { address: OWNER }),
    ).toMatchObject({ ok: true, user: { email: "editor@example.org" } });
    // Every attempt is audited with its address.
    expect(signInRows()).toEqual([
      ...Array(5).fill({ action: "user.sign_in_failed", key: "editor@example.org", address: STRANGER }),
      { action: "user.sign_in_throttled", key: "editor@example.org", address: STRANGER },
      { action: "user.sign_in", key: "editor@example.org", address: OWNER },
    ]);
  });

  it("while an email is locked, another address gets 3 tries at it, then is refused too", async () => {
    await insertUser(t.db, "editor@example.org", "editor");
    for (let i = 0; i < 5; i++) recordSignIn(t.db, "editor@example.org", "failure", null, STRANGER);
    const reasons = [];
    for (let i = 0; i < 4; i++) {
      const result = await authenticate(
        t.db,
        { email: "editor@example.org", password: `typo ${i}` },
        { address: OWNER },
      );
      reasons.push(result.ok ? "ok" : result.reason);
    }
    expect(reasons).toEqual(["invalid", "invalid", "invalid", "throttled"]);
  });

  it(`refuses an address for every email after ${ADDRESS_MAX_FAILURES} failures in 15 minutes; other addresses still sign in`, async () => {
    await insertUser(t.db, "editor@example.org", "editor");
    // Password spraying: one guess for each of many emails, so no email reaches its own limit.
    for (let i = 0; i < ADDRESS_MAX_FAILURES - 1; i++) {
      recordSignIn(t.db, `person${i}@example.org`, "failure", null, STRANGER);
    }
    expect(
      await authenticate(t.db, { email: "someone@example.org", password: "Spring2026!" }, { address: STRANGER }),
    ).toEqual({ ok: false, reason: "invalid" });
    expect(
      await authenticate(t.db, { email: "editor@example.org", password: TEST_PASSWORD }, { address: STRANGER }),
    ).toEqual({ ok: false, reason: "throttled_address" });
    expect(
      await authenticate(t.db, { email: "editor@example.org", password: TEST_PASSWORD }, { address: OWNER }),
    ).toMatchObject({ ok: true });
    expect(
      await authenticate(
        t.db,
        { email: "editor@example.org", password: TEST_PASSWORD },
        { address: STRANGER, now: new Date(Date.now() + minutes(16)) },
      ),
    ).toMatchObject({ ok: true });
  });

  it("does not count text that is not an email address against the address (it cannot guess an account)", async () => {
    await insertUser(t.db, "editor@example.org", "editor");
    for (let i = 0; i < ADDRESS_MAX_FAILURES + 5; i++) {
      recordSignIn(t.db, `not an email ${i}`, "failure", null, STRANGER);
    }
    expect(
      await authenticate(t.db, { email: "editor@example.org", password: TEST_PASSWORD }, { address: STRANGER }),
    ).toMatchObject({ ok: true });
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

  const fail = (m: number, address: string | null): Failure => ({ at: at(m), address });
  const decide = (emailFailures: Failure[], address: string, now: Date, addressFailures: Date[] = []) =>
    signInDecision({ emailFailures, addressFailures, address, now });

  it("a locked email refuses the addresses that failed 3 times or more since its failures began, and no others", () => {
    const failures = [fail(0, "a"), fail(1, "a"), fail(2, "a"), fail(3, "b"), fail(4, "b")];
    expect(decide(failures, "a", at(5))).toEqual({ allowed: false, scope: "email", until: at(19) });
    expect(decide(failures, "b", at(5))).toEqual({ allowed: true });
    expect(decide(failures, "c", at(5))).toEqual({ allowed: true });
    expect(decide([...failures, fail(6, "b")], "b", at(7))).toEqual({ allowed: false, scope: "email", until: at(21) });
    // The lock ends 15 minutes after the failure that reached the limit, for everyone.
    expect(decide(failures, "a", at(19))).toEqual({ allowed: true });
    // Failures recorded before addresses were (null) lock the email but are nobody's own.
    expect(
      decide(
        [0, 1, 2, 3, 4].map((m) => fail(m, null)),
        "a",
        at(5),
      ),
    ).toEqual({ allowed: true });
  });

  it("an email under its limit is open to every address", () => {
    expect(
      decide(
        [0, 1, 2, 3].map((m) => fail(m, "a")),
        "a",
        at(5),
      ),
    ).toEqual({ allowed: true });
  });

  it("an address is refused for 15 minutes after 30 failures within 15 minutes, before any email rule", () => {
    const thirty = Array.from({ length: 30 }, (_, i) => new Date(at(0).getTime() + i * 20_000));
    expect(decide([], "a", at(11), thirty.slice(1))).toEqual({ allowed: true });
    expect(decide([], "a", at(11), thirty)).toEqual({
      allowed: false,
      scope: "address",
      until: new Date(thirty[29]!.getTime() + minutes(15)),
    });
    expect(decide([], "a", at(25), thirty)).toEqual({ allowed: true });
    // 30 failures spread over more than 15 minutes do not lock it.
    const spread = Array.from({ length: 30 }, (_, i) => at(i * 0.6));
    expect(decide([], "a", at(18), spread)).toEqual({ allowed: true });
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
