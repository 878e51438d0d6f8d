/**
 * The closed list of audit actions, as `entity.verb` (the openstatus habit). Every write records
 * exactly one of these in `audit_log`, in the same transaction as the change.
 */
export const AUDIT_ACTIONS = [
  "agreement.create",
  "agreement.update",
  "agreement.delete",
  "agreement.restore",
  "commitment.create",
  "commitment.update",
  "commitment.delete",
  "commitment.restore",
  "status_update.create",
  "evidence.create",
  "evidence.delete",
  "evidence.restore",
  "source_document.create",
  "import.start",
  "import.candidate.update",
  "import.candidate.decide",
  "import.candidate.accept_unflagged",
  "import.candidate.split",
  "import.candidate.merge",
  "import.commit",
  "user.create",
  "user.update",
  "user.disable",
  "user.enable",
  "user.reset_password",
  "user.sign_in",
  "user.sign_in_failed",
  "user.sign_in_throttled",
  "access.denied",
  "dataset.load",
  "dataset.upgrade",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
