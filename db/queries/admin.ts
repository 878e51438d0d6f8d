/** Admin reads: users (without password hashes) and the audit log with filters. */
import { and, asc, count, desc, eq, isNull, type SQL } from "drizzle-orm";

import type { UserRole } from "../../lib/roles";
import type { Db } from "../client";
import { auditLog, users } from "../schema";

export interface UserListItem {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  disabledAt: string | null;
  createdAt: string;
}

/** Every user, by email. */
export function listUsers(db: Db): UserListItem[] {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabledAt: users.disabledAt, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.email))
    .all();
}

export interface AuditFilter {
  entityType?: string;
  /** a user id, or 0 for "no actor" (system and viewers) */
  actorId?: number;
  page?: number;
}

export const AUDIT_PAGE_SIZE = 50;

export interface AuditPage {
  rows: {
    id: number;
    at: string;
    action: string;
    entityType: string;
    entityId: string | null;
    actorId: number | null;
    actorEmail: string | null;
    before: unknown;
    after: unknown;
  }[];
  total: number;
  page: number;
  pages: number;
  entityTypes: string[];
}

/** One page of the audit log, newest first, filtered by entity type and/or actor. */
export function listAudit(db: Db, filter: AuditFilter): AuditPage {
  const where: SQL[] = [];
  if (filter.entityType) where.push(eq(auditLog.entityType, filter.entityType));
  if (filter.actorId !== undefined) {
    where.push(filter.actorId === 0 ? isNull(auditLog.actorId) : eq(auditLog.actorId, filter.actorId));
  }
  const condition = where.length ? and(...where) : undefined;
  const total = db.select({ n: count() }).from(auditLog).where(condition).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page ?? 1), pages);
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      actorId: auditLog.actorId,
      actorEmail: users.email,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(condition)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .all();
  const entityTypes = db
    .selectDistinct({ t: auditLog.entityType })
    .from(auditLog)
    .orderBy(asc(auditLog.entityType))
    .all()
    .map((r) => r.t);
  return { rows, total, page, pages, entityTypes };
}
