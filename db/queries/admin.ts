/** Admin reads: users (without password hashes) and the audit log with filters. */
import { and, asc, count, desc, eq, isNull, type SQL, sql } from "drizzle-orm";

import type { UserRole } from "../../lib/roles";
import type { Db } from "../client";
import { agreementParties, agreements, auditLog, commitmentParties, commitments, parties, users } from "../schema";

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
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(asc(users.email))
    .all();
}

export interface AuditFilter {
  entityType?: string;
  /** the entity's id, exactly (with or without `entityType`) */
  entityId?: string;
  /** an action such as `status_update.create`, exactly */
  action?: string;
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
    /** the client's address, recorded for sign-in attempts */
    clientAddress: string | null;
  }[];
  total: number;
  page: number;
  pages: number;
  entityTypes: string[];
  /** every action in the log, for the filter */
  actions: string[];
}

/**
 * The distinct values of an indexed text column of the audit log, by hopping along its index (one
 * seek per value) rather than reading every row.
 */
function distinctAudit(db: Db, column: "entity_type" | "action"): string[] {
  const col = sql.raw(column);
  return db
    .all<{ v: string }>(
      sql`WITH RECURSIVE t(v) AS (
        SELECT min(${col}) FROM audit_log
        UNION ALL
        SELECT (SELECT min(${col}) FROM audit_log WHERE ${col} > t.v) FROM t WHERE t.v IS NOT NULL
      ) SELECT v FROM t WHERE v IS NOT NULL`,
    )
    .map((r) => r.v);
}

/** One page of the audit log, newest first, filtered by entity type, entity id, action and/or actor. */
export function listAudit(db: Db, filter: AuditFilter): AuditPage {
  const where: SQL[] = [];
  if (filter.entityType) where.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
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
      clientAddress: auditLog.clientAddress,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(condition)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .all();
  return {
    rows,
    total,
    page,
    pages,
    entityTypes: distinctAudit(db, "entity_type"),
    actions: distinctAudit(db, "action"),
  };
}

/** Every party, by code. */
export function listParties(db: Db) {
  return db.select().from(parties).orderBy(asc(parties.code)).all();
}

/** Every agreement including deleted ones, newest first, with its number of live commitments. */
export function listAgreementsForAdmin(db: Db) {
  return (
    db
      .select({
        id: agreements.id,
        slug: agreements.slug,
        title: agreements.title,
        kind: agreements.kind,
        signedOn: agreements.signedOn,
        deletedAt: agreements.deletedAt,
        // A join, not a correlated sub-select: Drizzle renders the outer column unqualified there
        // (STACK.md's trap), which binds it to the inner table.
        commitments: count(commitments.id),
      })
      .from(agreements)
      // Counts commitments that are not deleted themselves, so a deleted agreement still says how many
      // come back with it; public surfaces use the live view (db/live.ts).
      .leftJoin(commitments, and(eq(commitments.agreementId, agreements.id), isNull(commitments.deletedAt)))
      .groupBy(agreements.id)
      .orderBy(desc(agreements.signedOn), desc(agreements.id))
      .all()
  );
}

/**
 * One agreement for the edit form (deleted ones too), with its party codes and every commitment;
 * `underDeleted` marks a commitment that is not deleted itself but sits under a deleted one (it is
 * hidden with it, db/live.ts).
 */
export function getAgreementForAdmin(db: Db, id: number) {
  const agreement = db.select().from(agreements).where(eq(agreements.id, id)).get();
  if (!agreement) return null;
  const partyCodes = db
    .select({ code: agreementParties.partyCode })
    .from(agreementParties)
    .where(eq(agreementParties.agreementId, id))
    .all()
    .map((p) => p.code);
  const list = db
    .select({
      id: commitments.id,
      ref: commitments.ref,
      title: commitments.title,
      parentId: commitments.parentId,
      status: commitments.status,
      version: commitments.version,
      deletedAt: commitments.deletedAt,
    })
    .from(commitments)
    .where(eq(commitments.agreementId, id))
    .orderBy(asc(commitments.position), asc(commitments.id))
    .all();
  const byId = new Map(list.map((c) => [c.id, c]));
  const underDeleted = (c: (typeof list)[number]): boolean => {
    let cursor = c.parentId === null ? undefined : byId.get(c.parentId);
    for (let depth = 0; cursor && depth < 100; depth++) {
      if (cursor.deletedAt) return true;
      cursor = cursor.parentId === null ? undefined : byId.get(cursor.parentId);
    }
    return false;
  };
  return {
    agreement,
    partyCodes,
    commitments: list.map((c) => ({ ...c, underDeleted: !c.deletedAt && underDeleted(c) })),
  };
}

/** One commitment for the edit form (deleted ones too), with its parties and its parent's number and target date. */
export function getCommitmentForAdmin(db: Db, id: number) {
  const commitment = db.select().from(commitments).where(eq(commitments.id, id)).get();
  if (!commitment) return null;
  const owedBy = db
    .select({ code: commitmentParties.partyCode })
    .from(commitmentParties)
    .where(eq(commitmentParties.commitmentId, id))
    .all()
    .map((p) => p.code);
  const parent =
    commitment.parentId === null
      ? null
      : (db
          .select({ ref: commitments.ref, targetDate: commitments.targetDate })
          .from(commitments)
          .where(eq(commitments.id, commitment.parentId))
          .get() ?? null);
  return { commitment, owedBy, parent };
}

/**
 * Distinct themes of live commitments, for suggestions: the theme keys of the summary table
 * `live_counts` (drizzle/0012), so the read is one per theme, not one per commitment.
 */
export function listThemes(db: Db): string[] {
  return db
    .all<{ theme: string }>(
      sql`SELECT DISTINCT key AS theme FROM live_counts WHERE dimension = 'theme' AND n > 0 ORDER BY key`,
    )
    .map((r) => r.theme);
}
