/** Users for tests, inserted straight into a test database (password hashes made with argon2id). */
import { eq } from "drizzle-orm";

import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { hashPassword } from "../../lib/passwords";
import type { UserRole } from "../../lib/roles";

export const TEST_PASSWORD = "correct horse battery staple";

let cachedHash: Promise<string> | null = null;

/** Insert a user with TEST_PASSWORD; returns its id. */
export async function insertUser(db: Db, email: string, role: UserRole, { disabled = false } = {}): Promise<number> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const row = db
    .insert(users)
    .values({
      email,
      name: email.split("@")[0] ?? email,
      role,
      passwordHash: await cachedHash,
      disabledAt: disabled ? "2026-01-01T00:00:00.000Z" : null,
    })
    .returning({ id: users.id })
    .get();
  return row.id;
}

/** Disable a user now. */
export function disableUser(db: Db, id: number): void {
  db.update(users).set({ disabledAt: new Date().toISOString() }).where(eq(users.id, id)).run();
}
