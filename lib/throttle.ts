/**
 * Sign-in throttling, per email and per client address (docs/decisions/006-sign-in-throttling.md).
 * Pure: the caller reads the failed attempts from the audit log and passes them in.
 *
 * - **Per email.** After {@link EMAIL_MAX_FAILURES} failures for one email within {@link WINDOW_MS},
 *   the email is locked until {@link WINDOW_MS} after the failure that reached the limit. While it
 *   is locked, an address that has failed for this email fewer than
 *   {@link LOCKED_EMAIL_ADDRESS_ALLOWANCE} times since the lock's failures began may still try, so
 *   a stranger who locks an editor's email does not lock the editor out; the addresses that made
 *   the failures may not.
 * - **Per address.** After {@link ADDRESS_MAX_FAILURES} failures from one client address within
 *   {@link WINDOW_MS}, whatever the emails, that address is refused for every email until
 *   {@link WINDOW_MS} after the failure that reached the limit (password spraying from one place).
 *   The limit is high enough that an office behind one NAT address does not reach it by typos.
 *
 * OWASP Authentication Cheat Sheet, "Protect Against Automated Attacks" and "Account Lockout":
 * https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html
 */
export const EMAIL_MAX_FAILURES = 5;
export const ADDRESS_MAX_FAILURES = 30;
/** Failures one address may make for a locked email (counted since the lock's failures began). */
export const LOCKED_EMAIL_ADDRESS_ALLOWANCE = 3;
export const WINDOW_MS = 15 * 60 * 1000;
/** How far back the caller must read failures: a lock that began up to one window ago rests on failures before it. */
export const LOOKBACK_MS = 2 * WINDOW_MS;

/** A failed attempt that counted (attempts refused while throttled are not failures). */
export interface Failure {
  at: Date;
  /** the client address it came from; null for attempts recorded before addresses were */
  address: string | null;
}

export type ThrottleState = { locked: false } | { locked: true; until: Date };

export type SignInDecision = { allowed: true } | { allowed: false; scope: "email" | "address"; until: Date };

/** The start of the latest run of `limit` failures that fits in one window, or null. */
function lockStart(times: readonly number[], limit: number): number | null {
  const sorted = [...times].sort((a, b) => a - b);
  let start: number | null = null;
  for (let i = limit - 1; i < sorted.length; i++) {
    const last = sorted[i] as number;
    const first = sorted[i - (limit - 1)] as number;
    if (last - first <= WINDOW_MS) start = last;
  }
  return start;
}

/**
 * Whether `limit` failures (any order) within one window lock at `now`: the lock lasts
 * {@link WINDOW_MS} from the failure that reached the limit.
 */
export function throttleState(failures: readonly Date[], now: Date, limit = EMAIL_MAX_FAILURES): ThrottleState {
  const start = lockStart(
    failures.map((d) => d.getTime()),
    limit,
  );
  if (start !== null && now.getTime() < start + WINDOW_MS) return { locked: true, until: new Date(start + WINDOW_MS) };
  return { locked: false };
}

/**
 * May an attempt for one email from `address` go ahead at `now`?
 * @param emailFailures failures for this email (from every address) in the last {@link LOOKBACK_MS}.
 * @param addressFailures times of failures from `address` (for any email) in the last {@link LOOKBACK_MS}.
 * @returns allowed, or refused with the limit that applies (`address` first) and when it ends.
 */
export function signInDecision(input: {
  emailFailures: readonly Failure[];
  addressFailures: readonly Date[];
  address: string;
  now: Date;
}): SignInDecision {
  const { emailFailures, addressFailures, address, now } = input;
  const byAddress = throttleState(addressFailures, now, ADDRESS_MAX_FAILURES);
  if (byAddress.locked) return { allowed: false, scope: "address", until: byAddress.until };

  const times = emailFailures.map((f) => f.at.getTime());
  const start = lockStart(times, EMAIL_MAX_FAILURES);
  if (start === null || now.getTime() >= start + WINDOW_MS) return { allowed: true };
  // The failures that made this lock began at most one window before it; count this address's since then.
  const own = emailFailures.filter((f) => f.address === address && f.at.getTime() >= start - WINDOW_MS).length;
  if (own < LOCKED_EMAIL_ADDRESS_ALLOWANCE) return { allowed: true };
  return { allowed: false, scope: "email", until: new Date(start + WINDOW_MS) };
}
