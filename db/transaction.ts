/**
 * Write transactions start with BEGIN IMMEDIATE: they take the write lock at once, so a second
 * process waits (busy_timeout) instead of failing with SQLITE_BUSY when a read transaction tries to
 * upgrade to a write (SQLite docs, "Transaction", on deferred transactions).
 */
export const IMMEDIATE = { behavior: "immediate" } as const;
