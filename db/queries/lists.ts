/**
 * The paginated, searchable lists of the staff and admin areas (issue 9, item 2): commitments to
 * update, agreements, users. Each is one page of SQL (`LIMIT`/`OFFSET` with the total from the same
 * filter) whatever the table holds; the words search is `LIKE` with its wildcards escaped
 * (lib/agreement-index.ts). Parameters and URLs follow the public lists' conventions.
 */
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";

import { likeContains, optionalText, pageOf, pageParam } from "../../lib/agreement-index";
import { rollUpProgress } from "../../lib/progress";
import { USER_ROLES, type UserRole } from "../../lib/roles";
import { STATUS_VALUES, type Status } from "../../lib/status";
import type { TargetPrecision } from "../../lib/target-date";
import type { Db } from "../client";

/** Rows a page of a staff or admin list. */
export const ADMIN_PAGE_SIZE = 50;

const words = optionalText(200);

/** `/staff`: words in the commitment's title or number or its agreement's title; a status. */
export const staffQuerySchema = z.object({
  q: words,
  status: z.enum(STATUS_VALUES, { error: `Use one of: ${STATUS_VALUES.join(", ")}` }).optional(),
  page: pageParam,
});
export type StaffQuery = z.infer<typeof staffQuerySchema>;

export interface StaffPageRow {
  id: number;
  ref: string;
  title: string;
  status: Status;
  parentId: number | null;
  targetDate: string | null;
  targetPrecision: TargetPrecision | null;
  /** own progress, or rolled up from its milestones (lib/progress.ts) */
  progress: number | null;
  agreement: { slug: string; title: string };
}

export interface ListPage<T> {
  rows: T[];
  total: number;
  page: number;
  pages: number;
}

/**
 * One page of the live commitments and milestones staff can update, in agreement order (oldest
 * agreement first, then the agreement's own order), with progress rolled up from the milestones
 * under each row (read for that page's rows only).
 */
export function staffCommitmentPage(db: Db, query: StaffQuery, pageSize = ADMIN_PAGE_SIZE): ListPage<StaffPageRow> {
  // The row's live flag (db/live.ts), not `IN (SELECT id FROM live_commitments)`: that sub-select
  // lists every live id (50,000) each time; at 50,000 the first page took 42 ms of SQL, now 17.
  const parts: SQL[] = [sql`a.deleted_at IS NULL`, sql`c.live = 1`];
  if (query.q) {
    const like = likeContains(query.q);
    parts.push(
      sql`(c.title LIKE ${like} ESCAPE '\\' OR c.ref LIKE ${like} ESCAPE '\\' OR a.title LIKE ${like} ESCAPE '\\')`,
    );
  }
  if (query.status) parts.push(sql`c.status = ${query.status}`);
  const where = sql.join(parts, sql` AND `);
  const total =
    db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM commitments c JOIN agreements a ON a.id = c.agreement_id WHERE ${where}`,
    )?.n ?? 0;
  const { page, pages } = pageOf(total, query.page, pageSize);
  const rows = db.all<Omit<StaffPageRow, "agreement"> & { slug: string; agreementTitle: string }>(sql`
    SELECT c.id, c.ref, c.title, c.status, c.parent_id AS parentId, c.target_date AS targetDate,
      c.target_precision AS targetPrecision, c.progress, a.slug, a.title AS agreementTitle
    FROM commitments c JOIN agreements a ON a.id = c.agreement_id
    WHERE ${where}
    ORDER BY a.signed_on, a.id, c.position, c.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  // The page's rows and every live row under them, for the roll-up.
  const ids = JSON.stringify(rows.map((r) => r.id));
  const tree = db.all<{ id: number; parentId: number | null; progress: number | null; status: Status }>(sql`
    WITH RECURSIVE t(id) AS (
      SELECT value FROM json_each(${ids})
      UNION
      SELECT c.id FROM commitments c JOIN t ON c.parent_id = t.id WHERE c.deleted_at IS NULL
    )
    SELECT c.id, c.parent_id AS parentId, c.progress, c.status FROM commitments c JOIN t ON t.id = c.id`);
  const rolled = rollUpProgress(tree);
  return {
    rows: rows.map(({ slug, agreementTitle, ...r }) => ({
      ...r,
      progress: rolled.get(r.id) ?? r.progress,
      agreement: { slug, title: agreementTitle },
    })),
    total,
    page,
    pages,
  };
}

/** `/admin/agreements`: words in the title or slug; live or deleted. */
export const adminAgreementQuerySchema = z.object({
  q: words,
  state: z.enum(["live", "deleted"], { error: "Use live or deleted" }).optional(),
  page: pageParam,
});
export type AdminAgreementQuery = z.infer<typeof adminAgreementQuerySchema>;

export interface AdminAgreementRow {
  id: number;
  slug: string;
  title: string;
  kind: string;
  signedOn: string | null;
  deletedAt: string | null;
  /** commitments that are not deleted themselves (so a deleted agreement says how many come back) */
  commitments: number;
}

/** One page of agreements (deleted ones too), newest signed first, each with its commitments counted. */
export function adminAgreementPage(
  db: Db,
  query: AdminAgreementQuery,
  pageSize = ADMIN_PAGE_SIZE,
): ListPage<AdminAgreementRow> {
  const parts: SQL[] = [sql`1`];
  if (query.q) {
    const like = likeContains(query.q);
    parts.push(sql`(a.title LIKE ${like} ESCAPE '\\' OR a.slug LIKE ${like} ESCAPE '\\')`);
  }
  if (query.state) parts.push(query.state === "live" ? sql`a.deleted_at IS NULL` : sql`a.deleted_at IS NOT NULL`);
  const where = sql.join(parts, sql` AND `);
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM agreements a WHERE ${where}`)?.n ?? 0;
  const { page, pages } = pageOf(total, query.page, pageSize);
  const rows = db.all<AdminAgreementRow>(sql`
    SELECT a.id, a.slug, a.title, a.kind, a.signed_on AS signedOn, a.deleted_at AS deletedAt,
      (SELECT count(*) FROM commitments c WHERE c.agreement_id = a.id AND c.deleted_at IS NULL) AS commitments
    FROM agreements a WHERE ${where}
    ORDER BY a.signed_on DESC, a.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  return { rows, total, page, pages };
}

/** `/admin/users`: words in the email or name; a role; active or disabled. */
export const adminUserQuerySchema = z.object({
  q: words,
  role: z.enum(USER_ROLES, { error: `Use one of: ${USER_ROLES.join(", ")}` }).optional(),
  state: z.enum(["active", "disabled"], { error: "Use active or disabled" }).optional(),
  page: pageParam,
});
export type AdminUserQuery = z.infer<typeof adminUserQuerySchema>;

export interface AdminUserRow {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  disabledAt: string | null;
  createdAt: string;
}

/** One page of users by email (no password hashes). */
export function adminUserPage(db: Db, query: AdminUserQuery, pageSize = ADMIN_PAGE_SIZE): ListPage<AdminUserRow> {
  const parts: SQL[] = [sql`1`];
  if (query.q) {
    const like = likeContains(query.q);
    parts.push(sql`(email LIKE ${like} ESCAPE '\\' OR name LIKE ${like} ESCAPE '\\')`);
  }
  if (query.role) parts.push(sql`role = ${query.role}`);
  if (query.state) parts.push(query.state === "active" ? sql`disabled_at IS NULL` : sql`disabled_at IS NOT NULL`);
  const where = sql.join(parts, sql` AND `);
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM users WHERE ${where}`)?.n ?? 0;
  const { page, pages } = pageOf(total, query.page, pageSize);
  const rows = db.all<AdminUserRow>(sql`
    SELECT id, email, name, role, disabled_at AS disabledAt, created_at AS createdAt FROM users WHERE ${where}
    ORDER BY email LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  return { rows, total, page, pages };
}

/** `/admin/agreements/[id]`: words in a commitment's title or number. */
export const adminAgreementCommitmentsQuerySchema = z.object({ q: words, page: pageParam });
export type AdminAgreementCommitmentsQuery = z.infer<typeof adminAgreementCommitmentsQuerySchema>;

export interface AdminAgreementCommitmentRow {
  id: number;
  ref: string;
  title: string;
  parentId: number | null;
  status: Status;
  deletedAt: string | null;
  /** not deleted itself but under a deleted commitment (hidden with it, db/live.ts) */
  underDeleted: boolean;
}

/**
 * One page of an agreement's commitments and milestones for the admin area (deleted ones too), in
 * the agreement's order, and `shown`: how many of the agreement's (whatever the words) are neither
 * deleted nor under a deleted one. Each
 * row's ancestors are walked in SQL (at most 100 levels), so the page reads its own rows only.
 */
export function adminAgreementCommitmentPage(
  db: Db,
  agreementId: number,
  query: AdminAgreementCommitmentsQuery,
  pageSize = ADMIN_PAGE_SIZE,
): ListPage<AdminAgreementCommitmentRow> & { shown: number } {
  const parts: SQL[] = [sql`c.agreement_id = ${agreementId}`];
  if (query.q) {
    const like = likeContains(query.q);
    parts.push(sql`(c.title LIKE ${like} ESCAPE '\\' OR c.ref LIKE ${like} ESCAPE '\\')`);
  }
  const where = sql.join(parts, sql` AND `);
  const underDeleted = sql`(c.deleted_at IS NULL AND c.parent_id IS NOT NULL AND EXISTS (
    WITH RECURSIVE up(id, parent_id, deleted_at, depth) AS (
      SELECT p.id, p.parent_id, p.deleted_at, 0 FROM commitments p WHERE p.id = c.parent_id
      UNION ALL
      SELECT p.id, p.parent_id, p.deleted_at, up.depth + 1 FROM commitments p JOIN up ON p.id = up.parent_id
      WHERE up.depth < 100)
    SELECT 1 FROM up WHERE up.deleted_at IS NOT NULL))`;
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM commitments c WHERE ${where}`)?.n ?? 0;
  const shown =
    db.get<{ n: number }>(sql`SELECT count(*) AS n FROM commitments c
      WHERE c.agreement_id = ${agreementId} AND c.deleted_at IS NULL AND NOT ${underDeleted}`)?.n ?? 0;
  const { page, pages } = pageOf(total, query.page, pageSize);
  const rows = db.all<Omit<AdminAgreementCommitmentRow, "underDeleted"> & { underDeleted: number }>(sql`
    SELECT c.id, c.ref, c.title, c.parent_id AS parentId, c.status, c.deleted_at AS deletedAt,
      ${underDeleted} AS underDeleted
    FROM commitments c WHERE ${where}
    ORDER BY c.position, c.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  return {
    rows: rows.map((r) => ({ ...r, underDeleted: r.underDeleted === 1 })),
    total,
    page,
    pages,
    shown,
  };
}
