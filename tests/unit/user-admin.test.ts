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
