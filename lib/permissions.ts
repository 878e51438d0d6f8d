/**
 * Who may do what (DESIGN.md, "Who may do what"): the closed list of write verbs, the least role
 * each needs, and the check. Viewers (no sign-in) may only read; editors post status updates and
 * evidence; admins may do everything. Every server action and writing route checks its verb here,
 * on the server, itself.
 */
import type { UserRole } from "./roles";

// A verb is listed here when its write function exists in db/mutations/; the authorization-matrix
// test fails for a verb without a row in its table, and for a write function without a verb.
export const WRITE_VERBS = {
  "status_update.create": "editor",
  "evidence.create": "editor",
  "evidence.delete": "editor",
  "evidence.restore": "admin",
  "agreement.create": "admin",
  "agreement.update": "admin",
  "agreement.delete": "admin",
  "agreement.restore": "admin",
  "commitment.create": "admin",
  "commitment.update": "admin",
  "commitment.delete": "admin",
  "commitment.restore": "admin",
  "source_document.create": "admin",
  "import.start": "admin",
  "import.candidate.update": "admin",
  "import.candidate.decide": "admin",
  "import.candidate.accept_unflagged": "admin",
  "import.candidate.split": "admin",
  "import.candidate.merge": "admin",
  "import.commit": "admin",
  "user.create": "admin",
  "user.update": "admin",
  "user.disable": "admin",
  "user.enable": "admin",
  "user.reset_password": "admin",
} as const satisfies Record<string, UserRole>;

export type WriteVerb = keyof typeof WRITE_VERBS;

/** Admin-only reads. */
export const ADMIN_READS = ["audit.read", "deleted.read"] as const;
export type AdminRead = (typeof ADMIN_READS)[number];

const RANK: Record<UserRole, number> = { editor: 1, admin: 2 };

/** True when a signed-in user of `role` (or a viewer, `null`) may perform `verb`. */
export function can(role: UserRole | null, verb: WriteVerb | AdminRead): boolean {
  if (role === null) return false;
  const needed: UserRole = verb in WRITE_VERBS ? WRITE_VERBS[verb as WriteVerb] : "admin";
  return RANK[role] >= RANK[needed];
}
