/**
 * Users: reads for sign-in and guards, the failed-attempt log used by throttling, and the first-start
 * admin. Emails are stored lower-case and trimmed.
 */
import { and, count, eq, gte, ne } from "drizzle-orm";

import type { UserRole } from "../lib/roles";
import type { Failure } from "../lib/throttle";
import { writeAudit } from "./audit";
import type { Db } from "./client";
import { auditLog, users } from "./schema";
import { IMMEDIATE } from "./transaction";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: UserRole;
}

/** Lower-case, trimmed form of an email, as stored. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The user with this email (any case), including the hash and disabled flag, or `undefined`. */
export function findUserByEmail(db: Db, email: string) {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

/**
 * An active (not disabled) user by id, without the password hash, or `null`. With `signedInAt` (the
 * session's issue time), also `null` when the session started before the user's sessions were
 * cut off (a disable or a password reset).
 */
export function getActiveUser(db: Db, id: number, signedInAt?: Date): SessionUser | null {
  const row = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      sessionsValidAfter: users.sessionsValidAfter,
    })
    .from(users)
    .where(eq(users.id, id))
    .get();
  if (!row || row.disabledAt) return null;
  if (signedInAt && row.sessionsValidAfter && signedInAt.getTime() < Date.parse(row.sessionsValidAfter)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/** A sign-in key for text that is not shaped like an email: no account can have it. */
export const NOT_AN_EMAIL_KEY = "(not an email address)";

/**
 * Failed sign-in attempts for `email` since `since` (those that counted towards a lock), with the
 * client address each came from (null for rows recorded before addresses were).
 */
export function recentSignInFailures(db: Db, email: string, since: Date): Failure[] {
  return db
    .select({ at: auditLog.at, address: auditLog.clientAddress })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, "user.sign_in_failed"),
        eq(auditLog.entityType, "sign_in"),
        eq(auditLog.entityId, signInKey(email)),
        gte(auditLog.at, since.toISOString()),
      ),
    )
    .all()
    .map((r) => ({ at: new Date(r.at), address: r.address }));
}

/**
 * Times of failed sign-in attempts from client `address` since `since`, for any email. Attempts
 * with text that is not an email address are left out: they cannot guess any account.
 */
export function recentAddressFailures(db: Db, address: string, since: Date): Date[] {
  return db
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.clientAddress, address),
        gte(auditLog.at, since.toISOString()),
        eq(auditLog.action, "user.sign_in_failed"),
        eq(auditLog.entityType, "sign_in"),
        ne(auditLog.entityId, NOT_AN_EMAIL_KEY),
      ),
    )
    .all()
    .map((r) => new Date(r.at));
}

export type SignInOutcome = "success" | "failure" | "throttled";

/**
 * Audit one sign-in attempt with the client address it came from. Failures count towards
 * throttling; throttled attempts are audited but do not extend a lock. `userId` is recorded only on
 * success, so the log does not say which unknown emails exist.
 */
export function recordSignIn(
  db: Db,
  email: string,
  outcome: SignInOutcome,
  userId: number | null,
  address: string,
): void {
  // What was typed as the email is kept only when it looks like one: people type passwords there.
  const identifier = signInKey(email);
  const action =
    outcome === "success" ? "user.sign_in" : outcome === "failure" ? "user.sign_in_failed" : "user.sign_in_throttled";
  writeAudit(db, {
    actorId: outcome === "success" ? userId : null,
    action,
    entityType: "sign_in",
    entityId: identifier,
    after: null,
    clientAddress: address,
  });
}

/**
 * The key sign-in attempts are counted and audited under: the normalised email when the text is
 * shaped like one, else a fixed placeholder (so a password typed into the email field is never
 * stored).
 */
export function signInKey(email: string): string {
  const normalised = normaliseEmail(email);
  return /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/.test(normalised) ? normalised : NOT_AN_EMAIL_KEY;
}

/** Number of users. */
export function countUsers(db: Db): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

/**
 * Create the first admin when there are no users at all. Runs in one transaction with its audit row;
 * returns the created email, or `null` when users already exist.
 */
export function createInitialAdmin(db: Db, email: string, passwordHash: string): string | null {
  return db.transaction((tx) => {
    const existing = tx.select({ n: count() }).from(users).get()?.n ?? 0;
    if (existing > 0) return null;
    const row = tx
      .insert(users)
      .values({ email: normaliseEmail(email), name: "Administrator", passwordHash, role: "admin" })
      .returning({ id: users.id, email: users.email, role: users.role })
      .get();
    writeAudit(tx, {
      actorId: null,
      action: "user.create",
      entityType: "user",
      entityId: row.id,
      after: { email: row.email, role: row.role, via: "first start" },
    });
    return row.email;
  }, IMMEDIATE);
}
