/**
 * Checks an email and password for the Credentials provider, with throttling per email and per
 * client address (lib/throttle.ts) and an audit row, with the address, for every attempt. One generic outcome for every failure, so a caller learns nothing
 * about which accounts exist; an unknown email costs the same argon2 verification as a known one.
 */
import { z } from "zod";

import type { Db } from "../db/client";
import {
  findUserByEmail,
  normaliseEmail,
  recentAddressFailures,
  recentSignInFailures,
  recordSignIn,
  type SessionUser,
} from "../db/users";
import { hashPassword, PASSWORD_MAX, verifyPassword } from "../lib/passwords";
import { LOOKBACK_MS, signInDecision } from "../lib/throttle";

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

export type AuthenticateResult =
  { ok: true; user: SessionUser } | { ok: false; reason: "invalid" | "throttled" | "throttled_address" };

// Attempts from one address, and for one email, run one after another (this process serves every
// request), so a burst of parallel guesses cannot all pass the throttle check before any failure is
// recorded. Queues are always taken address first, then email, so two attempts never wait on each other.
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

export interface AuthenticateOptions {
  /** the client's address as the server judged it (lib/forwarded.ts `clientAddress`); default "unknown" */
  address?: string;
  /** the current instant (for throttling); defaults to the moment the attempt runs */
  now?: Date;
}

/**
 * @param raw `{ email, password }` from the sign-in form (untrusted).
 * @returns the user, or a failure: `invalid` (wrong, unknown or disabled; one answer for all),
 *   `throttled` (the email is locked for this address) or `throttled_address` (this address is).
 */
export async function authenticate(
  db: Db,
  raw: unknown,
  { address = "unknown", now }: AuthenticateOptions = {},
): Promise<AuthenticateResult> {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  return oneAtATime(`address ${address}`, () =>
    oneAtATime(`email ${normaliseEmail(email)}`, () => check(db, email, password, address, now ?? new Date())),
  );
}

async function check(db: Db, email: string, password: string, address: string, now: Date): Promise<AuthenticateResult> {
  const since = new Date(now.getTime() - LOOKBACK_MS);
  const decision = signInDecision({
    emailFailures: recentSignInFailures(db, email, since),
    addressFailures: recentAddressFailures(db, address, since),
    address,
    now,
  });
  if (!decision.allowed) {
    recordSignIn(db, email, "throttled", null, address);
    return { ok: false, reason: decision.scope === "address" ? "throttled_address" : "throttled" };
  }

  const user = findUserByEmail(db, email);
  const matches = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  if (!user || !matches || user.disabledAt) {
    recordSignIn(db, email, "failure", null, address);
    return { ok: false, reason: "invalid" };
  }
  recordSignIn(db, email, "success", user.id, address);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
