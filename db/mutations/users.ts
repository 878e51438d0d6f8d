/**
 * Admin write verbs on users: create, set role, disable, enable, reset password. Order: check role →
 * parse → (hash the password before the transaction: it is slow and async) → one synchronous
 * transaction with its audit row → small result. Password hashes never enter the audit log.
 * Guard rails: an admin cannot disable or demote themselves, and the last active admin stays an admin.
 */
import { and, count, eq, isNull, ne } from "drizzle-orm";

import { hashPassword } from "../../lib/passwords";
import type { UserRole } from "../../lib/roles";
import { ZCreateUser, ZResetPassword, ZSetRole, ZUserRef } from "../../lib/validation/users";
import { invalid, type WriteResult } from "../../lib/write-result";
import { writeAudit } from "../audit";
import type { Db } from "../client";
import { users } from "../schema";
import { authorize } from "./guard";
import { IMMEDIATE } from "../transaction";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const publicFields = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabledAt: users.disabledAt,
};

function otherActiveAdmins(tx: Tx, userId: number): number {
  return (
    tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, userId)))
      .get()?.n ?? 0
  );
}

function refuseSelf(message: string) {
  return { ok: false as const, kind: "invalid" as const, message, fieldErrors: { userId: [message] } };
}

/** Create a user. @param raw `{ email, name, role, password }` (password ≥ 12 characters). */
export async function createUser(
  db: Db,
  actorId: number | null,
  raw: unknown,
): Promise<WriteResult<{ userId: number }>> {
  const guard = authorize(db, actorId, "user.create");
  if (!guard.ok) return guard;
  const parsed = ZCreateUser.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { password, ...fields } = parsed.data;
  const passwordHash = await hashPassword(password);
  return db.transaction((tx): WriteResult<{ userId: number }> => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, fields.email)).get()) {
      return {
        ok: false,
        kind: "invalid",
        message: "Some fields need attention.",
        fieldErrors: { email: ["A user with this email already exists"] },
      };
    }
    const row = tx
      .insert(users)
      .values({ ...fields, passwordHash })
      .returning(publicFields)
      .get();
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "user.create",
      entityType: "user",
      entityId: row.id,
      before: null,
      after: row,
    });
    return { ok: true, data: { userId: row.id } };
  }, IMMEDIATE);
}

/** Set a user's role; the role they already have is a no-op (`unchanged: true`, no audit row). @param raw `{ userId, role }` */
export function setUserRole(
  db: Db,
  actorId: number | null,
  raw: unknown,
): WriteResult<{ userId: number; role: UserRole; unchanged: boolean }> {
  const guard = authorize(db, actorId, "user.update");
  if (!guard.ok) return guard;
  const parsed = ZSetRole.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { userId, role } = parsed.data;
  return db.transaction((tx): WriteResult<{ userId: number; role: UserRole; unchanged: boolean }> => {
    const before = tx.select(publicFields).from(users).where(eq(users.id, userId)).get();
    if (!before) return { ok: false, kind: "not_found", message: "This user does not exist." };
    if (before.role === role) return { ok: true, data: { userId, role, unchanged: true } };
    if (role !== "admin" && before.role === "admin") {
      if (userId === guard.actor.id) return refuseSelf("You cannot remove your own admin role.");
      if (!before.disabledAt && otherActiveAdmins(tx, userId) === 0)
        return refuseSelf("The last active admin must stay an admin.");
    }
    const after = tx.update(users).set({ role }).where(eq(users.id, userId)).returning(publicFields).get();
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "user.update",
      entityType: "user",
      entityId: userId,
      before,
      after,
    });
    return { ok: true, data: { userId, role, unchanged: false } };
  }, IMMEDIATE);
}

/** Disable a user: their session stops working on their next request. @param raw `{ userId }` */
export function disableUser(
  db: Db,
  actorId: number | null,
  raw: unknown,
): WriteResult<{ userId: number; unchanged?: boolean }> {
  const guard = authorize(db, actorId, "user.disable");
  if (!guard.ok) return guard;
  const parsed = ZUserRef.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { userId } = parsed.data;
  return db.transaction((tx): WriteResult<{ userId: number; unchanged?: boolean }> => {
    const before = tx.select(publicFields).from(users).where(eq(users.id, userId)).get();
    if (!before) return { ok: false, kind: "not_found", message: "This user does not exist." };
    if (userId === guard.actor.id) return refuseSelf("You cannot disable your own account.");
    if (before.disabledAt) return { ok: true, data: { userId, unchanged: true } };
    if (before.role === "admin" && otherActiveAdmins(tx, userId) === 0)
      return refuseSelf("The last active admin cannot be disabled.");
    const after = tx
      .update(users)
      .set({ disabledAt: new Date().toISOString(), sessionsValidAfter: new Date().toISOString() })
      .where(eq(users.id, userId))
      .returning(publicFields)
      .get();
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "user.disable",
      entityType: "user",
      entityId: userId,
      before,
      after,
    });
    return { ok: true, data: { userId } };
  }, IMMEDIATE);
}

/** Enable a disabled user again. @param raw `{ userId }` */
export function enableUser(
  db: Db,
  actorId: number | null,
  raw: unknown,
): WriteResult<{ userId: number; unchanged?: boolean }> {
  const guard = authorize(db, actorId, "user.enable");
  if (!guard.ok) return guard;
  const parsed = ZUserRef.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { userId } = parsed.data;
  return db.transaction((tx): WriteResult<{ userId: number; unchanged?: boolean }> => {
    const before = tx.select(publicFields).from(users).where(eq(users.id, userId)).get();
    if (!before) return { ok: false, kind: "not_found", message: "This user does not exist." };
    if (!before.disabledAt) return { ok: true, data: { userId, unchanged: true } };
    const after = tx.update(users).set({ disabledAt: null }).where(eq(users.id, userId)).returning(publicFields).get();
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "user.enable",
      entityType: "user",
      entityId: userId,
      before,
      after,
    });
    return { ok: true, data: { userId } };
  }, IMMEDIATE);
}

/** Set a new password for a user. @param raw `{ userId, password }` (password ≥ 12 characters). */
export async function resetUserPassword(
  db: Db,
  actorId: number | null,
  raw: unknown,
): Promise<WriteResult<{ userId: number }>> {
  const guard = authorize(db, actorId, "user.reset_password");
  if (!guard.ok) return guard;
  const parsed = ZResetPassword.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const { userId, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  return db.transaction((tx): WriteResult<{ userId: number }> => {
    const before = tx.select(publicFields).from(users).where(eq(users.id, userId)).get();
    if (!before) return { ok: false, kind: "not_found", message: "This user does not exist." };
    tx.update(users)
      .set({ passwordHash, sessionsValidAfter: new Date().toISOString() })
      .where(eq(users.id, userId))
      .run();
    writeAudit(tx, {
      actorId: guard.actor.id,
      action: "user.reset_password",
      entityType: "user",
      entityId: userId,
      before: { email: before.email },
      after: { email: before.email, password: "changed" },
    });
    return { ok: true, data: { userId } };
  }, IMMEDIATE);
}
