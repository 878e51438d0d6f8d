/**
 * Sign-in throttling: after `MAX_FAILURES` failed attempts for one email within `WINDOW_MS`, further
 * attempts for it are refused until `WINDOW_MS` has passed since the attempt that reached the limit.
 */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export type ThrottleState = { locked: false } | { locked: true; until: Date };

/**
 * Whether an email is locked at `now`, given the times of its failed attempts (any order). Only
 * failures that counted (not attempts refused while locked) should be passed in.
 */
export function throttleState(failures: readonly Date[], now: Date): ThrottleState {
  const sorted = [...failures].map((d) => d.getTime()).sort((a, b) => a - b);
  // Walk every run of MAX_FAILURES consecutive failures that fits in one window; the latest such
  // run's last failure starts the lock.
  let lockStart: number | null = null;
  for (let i = MAX_FAILURES - 1; i < sorted.length; i++) {
    const last = sorted[i] as number;
    const first = sorted[i - (MAX_FAILURES - 1)] as number;
    if (last - first <= WINDOW_MS) lockStart = last;
  }
  if (lockStart !== null && now.getTime() < lockStart + WINDOW_MS) {
    return { locked: true, until: new Date(lockStart + WINDOW_MS) };
  }
  return { locked: false };
}
