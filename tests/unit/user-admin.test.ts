/** Admin user management against a real SQLite file: validation and guard rails. */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { authenticate } from "@/auth/authenticate";
import { createUser, disableUser, enableUser, resetUserPassword, setUserRole } from "@/db/mutations/users";
import * as schema from "@/db/schema";

import { createTempDb, type TempDb } from "../support/temp-db";
import { insertUser } from "../support/users";

let t: TempDb;
let admin: number;
beforeEach(async () => {
  t = createTempDb();
  admin = await insertUser(t.db, "admin@example.org", "admin");
});
afterEach(() => t.cleanup());

describe("user management", () => {
  it("creates a user who can then sign in, storing the email lower-case and no password in the audit log", async () => {
    const result = await createUser(t.db, admin, {
      email: " New.Editor@Example.org ",
      name: "New Editor",
      role: "editor",
      password: "twelve chars!",
    });
    expect(result).toMatchObject({ ok: true });
    expect(await authenticate(t.db, { email: "new.editor@example.org", password: "twelve chars!" })).toMatchObject({
      ok: true,
      user: { role: "editor" },
    });
    const audit = JSON.stringify(
      t.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "user.create")).all(),
    );
    expect(audit).not.toMatch(/argon2|twelve chars/);
  });

  it("refuses a short password, a bad email, an unknown role and a duplicate email, naming the field", async () => {
    expect(
      await createUser(t.db, admin, { email: "a@example.org", name: "", role: "editor", password: "short" }),
    ).toMatchObject({
      kind: "invalid",
      fieldErrors: { password: ["Use at least 12 characters"] },
    });
    expect(
      await createUser(t.db, admin, { email: "not an email", name: "", role: "boss", password: "long enough pass" }),
    ).toMatchObject({
      fieldErrors: { email: ["Enter an email address such as name@example.org"], role: ["Choose editor or admin"] },
    });
    expect(
      await createUser(t.db, admin, {
        email: "ADMIN@example.org",
        name: "",
        role: "editor",
        password: "long enough pass",
      }),
    ).toMatchObject({
      fieldErrors: { email: ["A user with this email already exists"] },
    });
  });

  it("keeps the last active admin and refuses self-lockout", async () => {
    expect(disableUser(t.db, admin, { userId: admin })).toMatchObject({
      ok: false,
      message: "You cannot disable your own account.",
    });
    expect(setUserRole(t.db, admin, { userId: admin, role: "editor" })).toMatchObject({
      ok: false,
      message: "You cannot remove your own admin role.",
    });
    const second = await insertUser(t.db, "second@example.org", "admin");
    expect(disableUser(t.db, admin, { userId: second })).toMatchObject({ ok: true });
    expect(enableUser(t.db, admin, { userId: second })).toMatchObject({ ok: true });
    expect(setUserRole(t.db, admin, { userId: second, role: "editor" })).toMatchObject({ ok: true });
  });

  it("disabling stops sign-in; enabling restores it; a reset password replaces the old one", async () => {
    const editor = await insertUser(t.db, "ed@example.org", "editor");
    disableUser(t.db, admin, { userId: editor });
    expect(
      await authenticate(t.db, { email: "ed@example.org", password: "correct horse battery staple" }),
    ).toMatchObject({ ok: false });
    enableUser(t.db, admin, { userId: editor });
    expect(await resetUserPassword(t.db, admin, { userId: editor, password: "a brand new password" })).toMatchObject({
      ok: true,
    });
    expect(
      await authenticate(t.db, { email: "ed@example.org", password: "correct horse battery staple" }),
    ).toMatchObject({ ok: false });
    expect(await authenticate(t.db, { email: "ed@example.org", password: "a brand new password" })).toMatchObject({
      ok: true,
    });
  });

  it("answers not found for an unknown user", () => {
    expect(disableUser(t.db, admin, { userId: 9999 })).toMatchObject({ ok: false, kind: "not_found" });
  });
});

describe("sessions", () => {
  it("cuts off sessions that began before a password reset or a disable, even after re-enabling", async () => {
    const { getActiveUser } = await import("@/db/users");
    const editor = await insertUser(t.db, "ed2@example.org", "editor");
    const before = new Date(Date.now() - 60_000);
    expect(getActiveUser(t.db, editor, before)).not.toBeNull();
    await resetUserPassword(t.db, admin, { userId: editor, password: "a brand new password" });
    expect(getActiveUser(t.db, editor, before)).toBeNull();
    expect(getActiveUser(t.db, editor, new Date(Date.now() + 1000))).not.toBeNull();
    const signedInAfterReset = new Date(Date.now() + 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    disableUser(t.db, admin, { userId: editor });
    enableUser(t.db, admin, { userId: editor });
    expect(getActiveUser(t.db, editor, signedInAfterReset)).toBeNull();
  });
});

describe("sign-in audit", () => {
  it("never stores a password typed into the email field", async () => {
    await authenticate(t.db, { email: "My$ecretPassw0rd!", password: "My$ecretPassw0rd!" });
    const rows = JSON.stringify(t.db.select().from(schema.auditLog).all());
    expect(rows).not.toMatch(/ecretpassw0rd/i);
    expect(rows).toContain("(not an email address)");
  });

  it("checks parallel attempts one at a time, so a burst cannot get past the throttle", async () => {
    await insertUser(t.db, "burst@example.org", "editor");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => authenticate(t.db, { email: "burst@example.org", password: `wrong ${i}` })),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(15);
  });
});
