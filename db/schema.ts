/**
 * The whole Accord Tracker data model (DESIGN.md, "Data model"), as one Drizzle schema for SQLite.
 *
 * Conventions:
 * - calendar dates (`signed_on`, `target_date`, `happened_on`, `published_on`) are `YYYY-MM-DD` text,
 *   never a timestamp, so no time zone can shift them;
 * - instants (`created_at`, `updated_at`, `deleted_at`, `at`) are UTC ISO-8601 text
 *   (`2024-11-25T09:00:00.000Z`);
 * - row ids that history points at use AUTOINCREMENT, so SQLite never reuses them after a delete;
 * - nothing is hard-deleted through the UI: `deleted_at` hides a row and an admin can restore it;
 * - `audit_log` has no foreign keys, so it outlives what it describes.
 */
import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  sqliteView,
  text,
} from "drizzle-orm/sqlite-core";

import { EVIDENCE_KINDS } from "../lib/evidence";
import { SOURCE_DOCUMENT_KINDS, SOURCE_FORMATS } from "../lib/source-documents";
import { STATUS_VALUES } from "../lib/status";
import { TARGET_PRECISIONS } from "../lib/target-date";
import { USER_ROLES } from "../lib/roles";

const nowUtc = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

const createdAt = () => text("created_at").notNull().default(nowUtc);

/** Signatories by ISO 3166-1 alpha-2 code (`KR`, `MY`), or a short code for an organisation. */
export const parties = sqliteTable("parties", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
});

export const agreements = sqliteTable(
  "agreements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    /** joint statement, MoU, FTA, treaty, declaration … (free text, shown as is) */
    kind: text("kind").notNull(),
    signedOn: text("signed_on"),
    place: text("place"),
    summary: text("summary").notNull().default(""),
    sourceUrl: text("source_url"),
    /**
     * Superseded by `source_documents` (docs/decisions/015-source-documents.md): never read or
     * written by the app; migration 0015 copied any text held here into a source document of kind
     * "official_text". Kept so no table is rebuilt.
     */
    sourceText: text("source_text"),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull().default(nowUtc),
    deletedAt: text("deleted_at"),
  },
  (t) => [
    check(
      "agreements_signed_on_date",
      sql`${t.signedOn} IS NULL OR ${t.signedOn} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`,
    ),
  ],
);

export const agreementParties = sqliteTable(
  "agreement_parties",
  {
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id),
    partyCode: text("party_code")
      .notNull()
      .references(() => parties.code),
    /** who signed or announced it for this party, e.g. "President Yoon Suk Yeol" */
    signatory: text("signatory"),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.partyCode] })],
);

/**
 * A stored text an agreement comes from or is reported in (DESIGN.md "source document"): the
 * official text, a joint statement, a readout, a news report. Commitments point into `text` with
 * source anchors (`commitments.source_document_id`, `anchor_start`, `anchor_end`). Value checks and
 * the anchors' checks are triggers (drizzle/0015_source_documents.sql).
 */
export const sourceDocuments = sqliteTable(
  "source_documents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id),
    kind: text("kind", { enum: SOURCE_DOCUMENT_KINDS }).notNull(),
    title: text("title").notNull(),
    url: text("url"),
    /** the document's own date (publication or issue), YYYY-MM-DD */
    publishedOn: text("published_on"),
    /** the text anchors point into, exactly as stored (lib/import/types.ts SourceText.text) */
    text: text("text").notNull(),
    /**
     * `text.length` in JavaScript: UTF-16 code units, the unit of every anchor offset. SQLite's
     * length() counts code points, which differs for characters outside the BMP, so the app stores
     * it and a trigger checks it is consistent with the text (docs/decisions/015).
     */
    textLength: integer("text_length").notNull(),
    /** what the text was read from (SourceText.format), its encoding and whether that was a guess */
    format: text("format", { enum: SOURCE_FORMATS }).notNull().default("paste"),
    encoding: text("encoding").notNull().default("UTF-8"),
    encodingGuessed: integer("encoding_guessed", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    deletedAt: text("deleted_at"),
  },
  (t) => [index("source_documents_agreement_idx").on(t.agreementId, t.publishedOn)],
);

export const commitments = sqliteTable(
  "commitments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id),
    /** set for a milestone: the commitment whose progress it rolls up into */
    parentId: integer("parent_id").references((): AnySQLiteColumn => commitments.id),
    /** the agreement's own numbering or ours ("6", "6.1"); shown beside the title */
    ref: text("ref").notNull(),
    /** display order inside the agreement */
    position: integer("position").notNull().default(0),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    quote: text("quote").notNull().default(""),
    /**
     * The source anchor: the document and the characters of it this commitment comes from,
     * `text.slice(anchor_start, anchor_end)` in UTF-16 code units (lib/import/types.ts). All three
     * set or none; checked by triggers (drizzle/0015_source_documents.sql).
     */
    sourceDocumentId: integer("source_document_id").references((): AnySQLiteColumn => sourceDocuments.id),
    anchorStart: integer("anchor_start"),
    anchorEnd: integer("anchor_end"),
    /**
     * 1 when the anchored passage is commentary (a reporter's or analyst's words about the
     * agreement), not the agreement's own wording; 0 otherwise. Not derived from the document's kind:
     * a news report that quotes the statement verbatim gives the statement's words.
     */
    fromCommentary: integer("from_commentary", { mode: "boolean" }).notNull().default(false),
    theme: text("theme").notNull(),
    strength: text("strength", { enum: ["binding", "intent", "exploratory"] }),
    owner: text("owner").notNull().default(""),
    targetDate: text("target_date"),
    targetPrecision: text("target_precision", { enum: TARGET_PRECISIONS }),
    targetPhrase: text("target_phrase").notNull().default(""),
    status: text("status", { enum: STATUS_VALUES }).notNull().default("not_assessed"),
    /** 0–100, or NULL when nobody has measured it (a parent then rolls up from its milestones) */
    progress: integer("progress"),
    /** bumped by every write that changes the commitment; writes against an old version are refused */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull().default(nowUtc),
    deletedAt: text("deleted_at"),
    /**
     * 1 when the row is live (db/live.ts: not deleted, agreement not deleted, every commitment above
     * it live), else 0. Kept by triggers (drizzle/0010_live_flag.sql) on every write to
     * `deleted_at`, `parent_id` or `agreement_id` here and to `agreements.deleted_at`, so a read
     * tests one column instead of walking the tree (issue 9). Never written by the app.
     */
    live: integer("live").notNull().default(0),
    /**
     * The day of the latest assessment (lib/freshness.ts `isAssessment`), or NULL before any. Kept
     * by triggers on `status_updates` (drizzle/0012_read_summaries.sql) for the list's "last
     * updated" order. Never written by the app.
     */
    lastAssessedOn: text("last_assessed_on"),
  },
  (t) => [
    index("commitments_agreement_idx").on(t.agreementId),
    index("commitments_live_idx").on(t.live, t.agreementId, t.position),
    index("commitments_parent_idx").on(t.parentId),
    index("commitments_anchor_idx").on(t.sourceDocumentId, t.anchorStart, t.anchorEnd),
    index("commitments_target_date_idx").on(t.targetDate),
    // Open deadlines of live top-level commitments in target order, and their counts, from the
    // index alone (db/queries/commitments.ts openDeadlines, agreements.ts openWithoutTargetCount).
    index("commitments_open_target_idx").on(t.live, t.parentId, t.targetDate, t.position, t.id, t.status),
    // Live rows in id order (the sitemap's parts, a range of ids per chunk): (live, rowid).
    index("commitments_live_id_idx").on(t.live),
    // The deadlines page: open (not final) live rows by target date, counted by level
    // (db/queries/deadlines.ts). Partial, so no other query's plan picks it; its WHERE must stay
    // the literal list of lib/deadline-groups.ts FINAL_STATUSES (the queries name it with INDEXED BY,
    // so a mismatch fails every deadlines read and its unit tests, never silently scans).
    index("commitments_deadline_idx")
      .on(t.targetDate, t.parentId)
      .where(sql`live = 1 AND status NOT IN ('partially_fulfilled', 'fulfilled', 'not_fulfilled')`),
    check("commitments_progress_range", sql`${t.progress} IS NULL OR (${t.progress} BETWEEN 0 AND 100)`),
    check(
      "commitments_target_date_format",
      sql`${t.targetDate} IS NULL OR ${t.targetDate} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`,
    ),
    check("commitments_status_value", sql.raw(`status IN (${STATUS_VALUES.map((s) => `'${s}'`).join(", ")})`)),
  ],
);

export const commitmentParties = sqliteTable(
  "commitment_parties",
  {
    commitmentId: integer("commitment_id")
      .notNull()
      .references(() => commitments.id),
    partyCode: text("party_code")
      .notNull()
      .references(() => parties.code),
  },
  (t) => [primaryKey({ columns: [t.commitmentId, t.partyCode] })],
);

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** stored lower-case */
  email: text("email").notNull().unique(),
  name: text("name").notNull().default(""),
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: USER_ROLES }).notNull(),
  disabledAt: text("disabled_at"),
  /** sessions signed in before this instant no longer count (set on disable and password reset) */
  sessionsValidAfter: text("sessions_valid_after"),
  createdAt: createdAt(),
});

/** Append-only timeline of a commitment: one dated entry per change of status, progress or target. */
export const statusUpdates = sqliteTable(
  "status_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    commitmentId: integer("commitment_id")
      .notNull()
      .references(() => commitments.id),
    statusFrom: text("status_from", { enum: STATUS_VALUES }),
    statusTo: text("status_to", { enum: STATUS_VALUES }).notNull(),
    progressFrom: integer("progress_from"),
    progressTo: integer("progress_to"),
    targetDateFrom: text("target_date_from"),
    targetDateTo: text("target_date_to"),
    note: text("note").notNull().default(""),
    /** the calendar date the event happened (not when it was recorded) */
    happenedOn: text("happened_on").notNull(),
    createdAt: createdAt(),
    authorId: integer("author_id").references(() => users.id),
    /** the form submission that created it: a second submission of the same form creates nothing */
    submissionId: text("submission_id").unique(),
  },
  (t) => [
    // Covering for the as-of seeks (status, progress, target move, last assessment on a day;
    // db/queries/list.ts, compare.ts; migration 0018).
    index("status_updates_history_idx").on(
      t.commitmentId,
      t.happenedOn,
      t.id,
      t.statusTo,
      t.progressTo,
      t.targetDateFrom,
      t.targetDateTo,
    ),
    index("status_updates_happened_idx").on(t.happenedOn),
  ],
);

export const evidence = sqliteTable(
  "evidence",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    commitmentId: integer("commitment_id")
      .notNull()
      .references(() => commitments.id),
    statusUpdateId: integer("status_update_id").references(() => statusUpdates.id),
    url: text("url").notNull(),
    title: text("title").notNull(),
    publisher: text("publisher").notNull().default(""),
    publishedOn: text("published_on"),
    kind: text("kind", { enum: EVIDENCE_KINDS }).notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    deletedAt: text("deleted_at"),
    /** the form submission that added it (see status_updates.submission_id) */
    submissionId: text("submission_id").unique(),
  },
  (t) => [
    index("evidence_commitment_idx").on(t.commitmentId),
    check("evidence_url_scheme", sql`${t.url} LIKE 'http://%' OR ${t.url} LIKE 'https://%'`),
  ],
);

/** Append-only record of every write: who, what (`entity.verb`), before and after as JSON. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull().default(nowUtc),
    actorId: integer("actor_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    /** The client's address (lib/forwarded.ts) for sign-in attempts, which throttling counts per address. */
    clientAddress: text("client_address"),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    index("audit_log_actor_idx").on(t.actorId),
    index("audit_log_client_address_idx").on(t.clientAddress, t.at),
  ],
);

/**
 * One row (id 1) whose `revision` goes up with every change to what the public sees: agreements,
 * parties, commitments, status updates, evidence. Raised by triggers (drizzle/0006), so writes from
 * any connection or process count; users and the audit log do not. The response cache reads it to
 * know when its pages are stale (docs/decisions/004-response-cache.md).
 */
export const publicRevision = sqliteTable("public_revision", {
  id: integer("id").primaryKey(),
  revision: integer("revision").notNull().default(0),
});

/**
 * Ids of the live commitments and milestones: not deleted, agreement not deleted, and every
 * commitment above it live (drizzle/0008_live_commitments_view.sql holds the definition; drizzle-kit
 * leaves an `existing()` view alone). Read it through `db/live.ts`.
 */
export const liveCommitments = sqliteView("live_commitments", { id: integer("id").notNull() }).existing();

export type Party = typeof parties.$inferSelect;
export type Agreement = typeof agreements.$inferSelect;
export type SourceDocument = typeof sourceDocuments.$inferSelect;
export type Commitment = typeof commitments.$inferSelect;
export type StatusUpdate = typeof statusUpdates.$inferSelect;
export type Evidence = typeof evidence.$inferSelect;
export type User = typeof users.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
