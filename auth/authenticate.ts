/**
 * Checks an email and password for the Credentials provider, with throttling (lib/throttle.ts) and
 * an audit row for every attempt. One generic outcome for every failure, so a caller learns nothing
 * about which accounts exist; an unknown email costs the same argon2 verification as a known one.
 */
import { z } from "zod";

import type { Db } from "../db/client";
import { findUserByEmail, normaliseEmail, recentSignInFailures, recordSignIn, type SessionUser } from "../db/users";
import { hashPassword, PASSWORD_MAX, verifyPassword } from "../lib/passwords";
import { throttleState, WINDOW_MS } from "../lib/throttle";

const ZCredentials = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(PASSWORD_MAX),
});

// A hash of a random string, made once: verifying an unknown email against it costs as much as a
// real check, so response time does not tell which accounts exist.
let dummyHash: Promise<string> | null = null;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}

export type AuthenticateResult = { ok: true; user: SessionUser } | { ok: false; reason: "invalid" | "throttled" };

// Attempts for one email run one after another (this process serves every request), so a burst of
// parallel guesses cannot all pass the throttle check before any failure is recorded.
const queues = new Map<string, Promise<unknown>>();

function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/**
 * @param raw `{ email, password }` from the sign-in form (untrusted).
 * @param now the current instant (for throttling); defaults to the moment the attempt runs.
 */
export async function authenticate(db: Db, raw: unknown, now?: Date): Promise<AuthenticateResult> {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  return oneAtATime(normaliseEmail(email), () => check(db, email, password, now ?? new Date()));
}

async function check(db: Db, email: string, password: string, now: Date): Promise<AuthenticateResult> {
  // Look back two windows: a lock that started up to one window ago may rest on failures before it.
  const failures = recentSignInFailures(db, email, new Date(now.getTime() - 2 * WINDOW_MS));
  if (throttleState(failures, now).locked) {
    recordSignIn(db, email, "throttled", null);
    return { ok: false, reason: "throttled" };
  }

  const user = findUserByEmail(db, email);
  const matches = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  if (!user || !matches || user.disabledAt) {
    recordSignIn(db, email, "failure", null);
    return { ok: false, reason: "invalid" };
  }
  recordSignIn(db, email, "success", user.id);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
