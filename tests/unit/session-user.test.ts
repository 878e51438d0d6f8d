/** The proxy's reading of the session cookie (auth/session-user.ts): JWT, then the user row. */
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { sessionUserFromCookie } from "@/auth/session-user";
import { users } from "@/db/schema";

import { createTempDb, type TempDb } from "../support/temp-db";
import { disableUser, insertUser } from "../support/users";

const SECRET = "a".repeat(40);
const COOKIE = "authjs.session-token";

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

/** A session token as Auth.js writes it (salt = cookie name), for user `id`. */
function token(id: number, { name = COOKIE, secret = SECRET, signedInAt = Math.floor(Date.now() / 1000) } = {}) {
  return encode({ token: { sub: String(id), role: "admin", signedInAt }, secret, salt: name });
}

describe("sessionUserFromCookie", () => {
  it("reads the user and their role from the database, not from the token", async () => {
    const editor = await insertUser(t.db, "editor@example.org", "editor");
    const admin = await insertUser(t.db, "admin@example.org", "admin");
    // Both tokens say "admin"; the row decides.
    const asEditor = await sessionUserFromCookie(t.db, `other=1; ${COOKIE}=${await token(editor)}`, SECRET);
    expect(asEditor).toEqual({ id: editor, email: "editor@example.org", name: "editor", role: "editor" });
    expect((await sessionUserFromCookie(t.db, `${COOKIE}=${await token(admin)}`, SECRET))?.role).toBe("admin");
  });

  it("reads the __Secure- cookie used under https", async () => {
    const editor = await insertUser(t.db, "editor@example.org", "editor");
    const name = `__Secure-${COOKIE}`;
    const user = await sessionUserFromCookie(t.db, `${name}=${await token(editor, { name })}`, SECRET);
    expect(user?.id).toBe(editor);
  });

  it("is nobody for no cookie, a garbled or foreign token, a disabled user or a cut-off session", async () => {
    const editor = await insertUser(t.db, "editor@example.org", "editor");
    expect(await sessionUserFromCookie(t.db, undefined, SECRET)).toBeNull();
    expect(await sessionUserFromCookie(t.db, "theme=dark", SECRET)).toBeNull();
    expect(await sessionUserFromCookie(t.db, `${COOKIE}=not.a.token`, SECRET)).toBeNull();
    const foreign = await token(editor, { secret: "b".repeat(40) });
    expect(await sessionUserFromCookie(t.db, `${COOKIE}=${foreign}`, SECRET)).toBeNull();
    expect(await sessionUserFromCookie(t.db, `${COOKIE}=${await token(editor + 1)}`, SECRET)).toBeNull();

    const before = Math.floor(Date.now() / 1000) - 60;
    const old = await token(editor, { signedInAt: before });
    expect((await sessionUserFromCookie(t.db, `${COOKIE}=${old}`, SECRET))?.id).toBe(editor);
    t.db
      .update(users)
      .set({ sessionsValidAfter: new Date(Date.now() - 30_000).toISOString() })
      .where(eq(users.id, editor))
      .run();
    expect(await sessionUserFromCookie(t.db, `${COOKIE}=${old}`, SECRET)).toBeNull();
    expect(await sessionUserFromCookie(t.db, `${COOKIE}=${await token(editor)}`, SECRET)).not.toBeNull();

    disableUser(t.db, editor);
    expect(await sessionUserFromCookie(t.db, `${COOKIE}=${await token(editor)}`, SECRET)).toBeNull();
  });
});
