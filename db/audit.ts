/**
 * Writes one audit row. Call it inside the transaction of the change it records, so both commit
 * together or not at all.
 */
import type { AuditAction } from "../lib/audit-actions";
import { auditLog } from "./schema";
import type { Db } from "./client";

type Tx = Pick<Db, "insert">;

export interface AuditInput {
  actorId: number | null;
  action: AuditAction;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  /** the client's address, for sign-in attempts (throttling counts them per address) */
  clientAddress?: string | null;
}

/** Insert the audit row synchronously on `tx` (a transaction or the db). */
export function writeAudit(tx: Tx, input: AuditInput): void {
  tx.insert(auditLog)
    .values({
      actorId: input.actorId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId === null ? null : String(input.entityId),
      before: input.before ?? null,
      after: input.after ?? null,
      clientAddress: input.clientAddress ?? null,
    })
    .run();
}
