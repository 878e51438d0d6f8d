/**
 * The public agreement page's reads, bounded by the page shown: one page of the commitment table
 * (`AGREEMENT_PAGE_SIZE` top-level commitments in table order, lib/agreement-page.ts, with their
 * milestones), the theme counts of the table's headings, the theme and owner charts' counts, the
 * overdue count and the progress figures, and the passages to highlight in the source documents.
 * An agreement of 2,000 imported commitments rendered all of them (3.3 MB of HTML, 0.9 s CPU a
 * request at 1,000); each statement here reads one agreement's rows through
 * `commitments_live_idx` (live, agreement_id, position) and returns grouped counts or one page.
 */
import { and, asc, eq, sql } from "drizzle-orm";

import {
  AGREEMENT_PAGE_SIZE,
  type AgreementPageData,
  chartKeys,
  type KeyStatusCount,
  type PassageSource,
  tablePage,
  type ThemeCount,
} from "../../lib/agreement-page";
import type { CalendarDate } from "../../lib/calendar-date";
import { meanProgress } from "../../lib/progress";
import { isFinal, STATUS_VALUES } from "../../lib/status";
import type { Db } from "../client";
import { liveCommitment } from "../live";
import { commitments } from "../schema";
import { agreementRecord, commitmentTree, treeRowFields } from "./agreements";
import { anchorOf, sourceDocumentsOf } from "./source-documents";
import { idsIn, progressOfAgreement } from "./shared";

const FINAL = sql.raw(
  STATUS_VALUES.filter(isFinal)
    .map((s) => `'${s}'`)
    .join(", "),
);

/**
 * The agreement page for `slug` as it is today, page `page` of its table (past the last → the last,
 * `table.clamped`), or `null` when the agreement is unknown or deleted.
 *
 * Progress figures roll up through milestones by lib/progress.ts over the agreement's
 * (id, parent, progress, status) rows: the one definition of roll-up, four small columns a row.
 */
export function agreementPage(
  db: Db,
  slug: string,
  page: number,
  today: CalendarDate,
  perPage = AGREEMENT_PAGE_SIZE,
): AgreementPageData | null {
  const a = agreementRecord(db, slug);
  if (!a) return null;
  const table = tablePage(page, a.total, perPage);
  const ordered = db.all<{ id: number }>(sql`
    WITH top AS (
      SELECT id, theme, row_number() OVER (ORDER BY position, id) AS seq FROM commitments
      WHERE live = 1 AND agreement_id = ${a.id} AND +parent_id IS NULL),
    themes AS (SELECT theme, min(seq) AS first, count(*) AS n FROM top GROUP BY theme)
    SELECT top.id FROM top JOIN themes ON themes.theme = top.theme
    ORDER BY themes.first, top.seq LIMIT ${perPage} OFFSET ${(table.page - 1) * perPage}`);
  const themes = db.all<ThemeCount>(sql`
    SELECT theme, count(*) AS count FROM (
      SELECT theme, row_number() OVER (ORDER BY position, id) AS seq FROM commitments
      WHERE live = 1 AND agreement_id = ${a.id} AND +parent_id IS NULL)
    GROUP BY theme ORDER BY min(seq)`);
  const pageIds = ordered.map((r) => r.id);
  const treeIds = db.all<{ id: number }>(sql`
    WITH RECURSIVE tree(id, depth) AS (
      SELECT value, 0 FROM json_each(${JSON.stringify(pageIds)})
      UNION
      SELECT c.id, tree.depth + 1 FROM commitments c JOIN tree ON c.parent_id = tree.id
      WHERE c.live = 1 AND tree.depth < 100)
    SELECT id FROM tree`);
  const rows = db
    .select(treeRowFields)
    .from(commitments)
    .where(
      and(
        idsIn(
          commitments.id,
          treeIds.map((r) => r.id),
        ),
        liveCommitment(),
      ),
    )
    .orderBy(asc(commitments.position), asc(commitments.id))
    .all();
  const { rows: progressRows, rolled } = progressOfAgreement(db, a.id);
  const topProgress = progressRows.filter((r) => r.parentId === null).map((r) => rolled.get(r.id) ?? null);
  const documents = sourceDocumentsOf(db, a.id);
  const shown = new Set(documents.map((d) => d.id));
  const position = new Map(pageIds.map((id, i) => [id, i]));
  const top = commitmentTree(db, rows, rolled, shown).sort((x, y) => position.get(x.id)! - position.get(y.id)!);
  const overdue =
    db.get<{ n: number }>(sql`SELECT count(*) AS n FROM commitments
      WHERE live = 1 AND agreement_id = ${a.id} AND +parent_id IS NULL
      AND target_date IS NOT NULL AND target_date < ${today} AND status NOT IN (${FINAL})`)?.n ?? 0;
  return {
    agreement: { ...a, commitments: top, meanProgress: meanProgress(topProgress), sourceDocuments: documents },
    table,
    themes,
    byTheme: chartKeys(keyCounts(db, a.id, "theme")),
    byOwner: chartKeys(keyCounts(db, a.id, "owner")),
    overdue,
    withProgress: topProgress.filter((p) => p !== null).length,
    passages: passagesOf(db, a.id, shown),
  };
}

/** Top-level live commitments of one agreement per theme (or owner) and status. */
function keyCounts(db: Db, agreementId: number, by: "theme" | "owner"): KeyStatusCount[] {
  const column = by === "theme" ? sql.raw("theme") : sql.raw("owner");
  return db.all<KeyStatusCount>(sql`
    SELECT ${column} AS key, status, count(*) AS count FROM commitments
    WHERE live = 1 AND agreement_id = ${agreementId} AND +parent_id IS NULL
    GROUP BY ${column}, status`);
}

/** Live commitments (milestones included) of one agreement anchored by offsets in a shown document. */
function passagesOf(db: Db, agreementId: number, shown: ReadonlySet<number>): PassageSource[] {
  const rows = db
    .select({
      id: commitments.id,
      ref: commitments.ref,
      title: commitments.title,
      sourceDocumentId: commitments.sourceDocumentId,
      anchorStart: commitments.anchorStart,
      anchorEnd: commitments.anchorEnd,
      fromCommentary: commitments.fromCommentary,
    })
    .from(commitments)
    .where(
      and(
        eq(commitments.agreementId, agreementId),
        liveCommitment(),
        sql`${commitments.sourceDocumentId} IS NOT NULL AND ${commitments.anchorStart} IS NOT NULL`,
      ),
    )
    .orderBy(asc(commitments.position), asc(commitments.id))
    .all();
  const out: PassageSource[] = [];
  for (const { sourceDocumentId, anchorStart, anchorEnd, fromCommentary, ...r } of rows) {
    const anchor = anchorOf({ sourceDocumentId, anchorStart, anchorEnd, fromCommentary });
    if (anchor && shown.has(anchor.sourceDocumentId)) out.push({ ...r, anchor });
  }
  return out;
}
