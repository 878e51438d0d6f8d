/**
 * Helpers shared by the read queries: the counting rule and the derived "fulfilled on" date.
 *
 * Counting rule (one rule for every page and export): status counts and totals count top-level
 * commitments only; milestones are counted separately (`milestones`) and never inflate a total.
 * Only live rows (db/live.ts) are ever counted or shown.
 */
import { and, asc, eq, isNotNull, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

import { type CalendarDate, calendarDateIn } from "../../lib/calendar-date";
import { readEnv } from "../../lib/env";
import { type ProgressRow, rollUpProgress } from "../../lib/progress";
import type { Status } from "../../lib/status";
import type { Db } from "../client";
import { commitmentIsLive, liveAgreement, liveCommitment } from "../live";
import {
  agreementParties,
  agreements,
  auditLog,
  commitmentParties,
  commitments,
  parties,
  statusUpdates,
} from "../schema";

/**
 * `column IN (ids)` with the ids bound as one JSON array (`json_each`), so a list of any length is
 * one variable: SQLite refuses more than 32,766 (issue 9).
 */
export function idsIn(column: SQLiteColumn, ids: readonly (number | string)[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
}

/**
 * For each commitment id added through the admin area, the calendar day (in `APP_TIME_ZONE`) of its
 * `commitment.create` audit row. Rows of the default dataset were loaded, not added: they have none.
 */
export function addedOnByCommitment(db: Db, ids: readonly number[]): Map<number, CalendarDate> {
  const out = new Map<number, CalendarDate>();
  if (ids.length === 0) return out;
  const rows = db
    .select({ entityId: auditLog.entityId, at: auditLog.at })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, "commitment.create"),
        eq(auditLog.entityType, "commitment"),
        idsIn(auditLog.entityId, ids.map(String)),
      ),
    )
    .all();
  const timeZone = readEnv().APP_TIME_ZONE;
  for (const r of rows) out.set(Number(r.entityId), calendarDateIn(timeZone, new Date(r.at)));
  return out;
}

const FULFILLING: ReadonlySet<Status> = new Set<Status>(["fulfilled", "partially_fulfilled"]);

/**
 * For each commitment id now fulfilled or partly fulfilled, the date of the status update that moved
 * it into that status (partly fulfilled → fulfilled counts as the day it was fulfilled); absent
 * when its last status is neither. The API shows it as `fulfilledOn` only for "fulfilled".
 */
export function fulfilledOnByCommitment(db: Db, ids: readonly number[]): Map<number, CalendarDate> {
  const out = new Map<number, CalendarDate>();
  if (ids.length === 0) return out;
  const rows = db
    .select({
      commitmentId: statusUpdates.commitmentId,
      statusFrom: statusUpdates.statusFrom,
      statusTo: statusUpdates.statusTo,
      happenedOn: statusUpdates.happenedOn,
    })
    .from(statusUpdates)
    .where(idsIn(statusUpdates.commitmentId, ids))
    .orderBy(asc(statusUpdates.happenedOn), asc(statusUpdates.id))
    .all();
  for (const r of rows) {
    if (!FULFILLING.has(r.statusTo)) out.delete(r.commitmentId);
    else if (r.statusFrom !== r.statusTo || !out.has(r.commitmentId)) out.set(r.commitmentId, r.happenedOn);
  }
  return out;
}

/**
 * The status updates that are assessments (lib/freshness.ts `isAssessment`): not the entries a
 * target-date edit writes. Freshness and "last updated" count only these.
 */
export function assessmentOnly(): SQL {
  return sql`${statusUpdates.targetDateFrom} IS ${statusUpdates.targetDateTo}`;
}

/**
 * For each commitment id, the latest `happened_on` of its assessments (`assessmentOnly`): the
 * `last_assessed_on` that triggers on status_updates keep on the row (drizzle/0012), one primary-key
 * read per id instead of every update of each (10 a commitment in the generated data).
 */
export function lastUpdatedByCommitment(db: Db, ids: readonly number[]): Map<number, CalendarDate> {
  const out = new Map<number, CalendarDate>();
  if (ids.length === 0) return out;
  const rows = db
    .select({ id: commitments.id, on: commitments.lastAssessedOn })
    .from(commitments)
    .where(and(idsIn(commitments.id, ids), isNotNull(commitments.lastAssessedOn)))
    .all();
  for (const r of rows) if (r.on !== null) out.set(r.id, r.on);
  return out;
}

export interface PartyRef {
  code: string;
  name: string;
}

/** For each commitment id, the parties that owe it, by code. */
export function partiesByCommitment(db: Db, ids: readonly number[]): Map<number, PartyRef[]> {
  const out = new Map<number, PartyRef[]>();
  if (ids.length === 0) return out;
  const rows = db
    .select({ commitmentId: commitmentParties.commitmentId, code: parties.code, name: parties.name })
    .from(commitmentParties)
    .innerJoin(parties, eq(parties.code, commitmentParties.partyCode))
    .where(idsIn(commitmentParties.commitmentId, ids))
    .orderBy(asc(parties.code))
    .all();
  for (const r of rows) {
    const list = out.get(r.commitmentId) ?? [];
    list.push({ code: r.code, name: r.name });
    out.set(r.commitmentId, list);
  }
  return out;
}

/**
 * The parties of one agreement (code, name, who signed for it), in code order: the one query the
 * agreement page, the import page and the import's party names (db/import-parties.ts) share.
 */
export function agreementPartiesOf(
  db: Pick<Db, "select">,
  agreementId: number,
): (PartyRef & { signatory: string | null })[] {
  return db
    .select({ code: parties.code, name: parties.name, signatory: agreementParties.signatory })
    .from(agreementParties)
    .innerJoin(parties, eq(parties.code, agreementParties.partyCode))
    .where(eq(agreementParties.agreementId, agreementId))
    .orderBy(asc(parties.code))
    .all();
}

/** True when a live (not deleted) agreement has this slug. */
export function agreementExists(db: Db, slug: string): boolean {
  return (
    db
      .select({ id: agreements.id })
      .from(agreements)
      .where(and(eq(agreements.slug, slug), liveAgreement()))
      .get() !== undefined
  );
}

/** True when this id is a live commitment or milestone (db/live.ts: nothing above it is deleted). */
export function commitmentExists(db: Db, id: number): boolean {
  return commitmentIsLive(db, id);
}

/** The progress rows of one agreement and their roll-up (`progressOfAgreement`). */
export interface AgreementProgress {
  /** every live commitment and milestone of the agreement, in no particular order */
  rows: ProgressRow[];
  /** effective progress (0–100, or null) by commitment id, rolled up through every level of milestones */
  rolled: Map<number, number | null>;
}

/**
 * Effective progress (lib/progress.ts) of every live commitment of an agreement, rolled up through
 * every level of milestones, so each page shows the same figure for the same commitment; with the
 * rows it was computed from (the agreement page takes the top-level ones for its mean).
 */
export function progressOfAgreement(db: Db, agreementId: number): AgreementProgress {
  const rows = db
    .select({
      id: commitments.id,
      parentId: commitments.parentId,
      progress: commitments.progress,
      status: commitments.status,
    })
    .from(commitments)
    .where(and(eq(commitments.agreementId, agreementId), liveCommitment()))
    .all();
  return { rows, rolled: rollUpProgress(rows) };
}
