/**
 * What the response cache of this process looks like, for `GET /healthz`. The cache lives in
 * scripts/server.ts, in front of Next; the health route runs inside Next in the same process, so
 * the server registers a reader on `globalThis` (the only object both see: Next bundles its routes
 * apart from the server's modules).
 */
export interface CacheState {
  /** false when RESPONSE_CACHE_MB is 0, or the app runs without scripts/server.ts (bare `next start`) */
  enabled: boolean;
  /** responses stored now */
  entries: number;
  /** estimated bytes they hold */
  bytes: number;
  /** the limit, in bytes (0 when off) */
  maxBytes: number;
}

const holder = globalThis as unknown as { __accordCacheState?: () => CacheState };

/** Called by scripts/server.ts once its cache exists (or with `enabled: false` when it is off). */
export function registerCacheState(read: () => CacheState): void {
  holder.__accordCacheState = read;
}

/** The current state, or "off" when no server registered one. */
export function readCacheState(): CacheState {
  return holder.__accordCacheState?.() ?? { enabled: false, entries: 0, bytes: 0, maxBytes: 0 };
}
