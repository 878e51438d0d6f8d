/**
 * The import's review state (issue 10, docs/decisions/016-import-review.md): an import run (one
 * upload or paste of an agreement's text, who and when, and whether it was read) and its candidates
 * (what extraction proposed, the reviewer's edits and decision). Kept in the database so a review
 * survives between requests without JavaScript. Nothing here is public: commitments are created
 * from accepted candidates by `import.commit` (db/mutations/import-commit.ts).
 *
 * Same conventions as db/schema.ts (dates `YYYY-MM-DD`, instants UTC ISO text, AUTOINCREMENT ids).
 * Offsets are UTF-16 code units of `import_runs.text`: `text.slice(start, end)` is the quote.
 * Value checks are triggers (drizzle/0016_import_review.sql).
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { CANDIDATE_DECISIONS, IMPORT_RUN_STATES } from "../lib/import/review-words";
import { SOURCE_DOCUMENT_KINDS, SOURCE_FORMATS } from "../lib/source-documents";
import { TARGET_PRECISIONS } from "../lib/target-date";
import { agreements, commitments, sourceDocuments, users } from "./schema";

const nowUtc = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const importRuns = sqliteTable(
  "import_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(nowUtc),
    /** "review": read, candidates to review; "failed": refused or extraction failed (no text kept) */
    state: text("state", { enum: IMPORT_RUN_STATES }).notNull(),
    /** the uploaded file's name, or null for a paste */
    fileName: text("file_name"),
    /** bytes received (the file, or the paste's UTF-8) */
    byteSize: integer("byte_size"),
    /** what the source document will be called, its kind, link and own date */
    title: text("title").notNull().default(""),
    kind: text("kind", { enum: SOURCE_DOCUMENT_KINDS }).notNull().default("official_text"),
    url: text("url"),
    publishedOn: text("published_on"),
    /** the date deadline phrases were resolved against: published_on, else the agreement's signing */
    documentDate: text("document_date"),
    /** the text as read (lib/import/types.ts SourceText), null for a failed run */
    text: text("text"),
    /** `text.length` in UTF-16 code units */
    textLength: integer("text_length"),
    format: text("format", { enum: SOURCE_FORMATS }),
    encoding: text("encoding"),
    encodingGuessed: integer("encoding_guessed", { mode: "boolean" }).notNull().default(false),
    /** SourceText.notes, as a JSON array of sentences */
    notes: text("notes", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** the source document the accepted candidates are anchored to: set at the first commit, or at
     * start when a live document of the agreement already holds the same text */
    sourceDocumentId: integer("source_document_id").references(() => sourceDocuments.id),
    /** why a failed run failed: ImportInputProblem or "extraction_failed", the form field, the message */
    errorProblem: text("error_problem"),
    errorField: text("error_field"),
    errorMessage: text("error_message"),
    paragraphCount: integer("paragraph_count").notNull().default(0),
    sentenceCount: integer("sentence_count").notNull().default(0),
  },
  (t) => [index("import_runs_agreement_idx").on(t.agreementId, t.id)],
);

export const importCandidates = sqliteTable(
  "import_candidates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: integer("run_id")
      .notNull()
      .references(() => importRuns.id),
    /** the quote's span of the run's text; `quote` is exactly `text.slice(start, end)` */
    start: integer("start").notNull(),
    end: integer("end").notNull(),
    quote: text("quote").notNull(),
    /** lib/import/dedupe.ts quoteKey(quote): how re-imports recognise the same words */
    quoteKey: text("quote_key").notNull(),
    /** the paragraph's own number ("3", "3.1", "(a)") or its position; and its 1-based position */
    paragraph: text("paragraph").notNull(),
    paragraphIndex: integer("paragraph_index").notNull(),
    kind: text("kind", { enum: ["pledge", "position"] }).notNull(),
    /** the extractor's candidate as proposed (lib/import/types.ts Candidate), or for a part of a
     * split or a merge, the candidates it came from: never changed by edits */
    proposed: text("proposed", { mode: "json" }).notNull(),
    /** the commitment it would become (reviewer's edits over the proposal) */
    ref: text("ref").notNull(),
    title: text("title").notNull(),
    theme: text("theme").notNull(),
    strength: text("strength", { enum: ["binding", "intent", "exploratory"] }),
    parties: text("parties", { mode: "json" }).$type<string[]>().notNull(),
    owner: text("owner").notNull().default(""),
    targetDate: text("target_date"),
    targetPrecision: text("target_precision", { enum: TARGET_PRECISIONS }),
    targetPhrase: text("target_phrase").notNull().default(""),
    /** the deadline as the resolver read it: phrase as written, and "vague" or "recurring" */
    fromCommentary: integer("from_commentary", { mode: "boolean" }).notNull().default(false),
    rules: text("rules", { mode: "json" }).$type<string[]>().notNull(),
    flags: text("flags", { mode: "json" }).$type<string[]>().notNull(),
    /** proposed → accepted / rejected by the reviewer; imported once a commitment is created;
     * duplicate when the same passage or words are already a live commitment of the agreement */
    decision: text("decision", { enum: CANDIDATE_DECISIONS }).notNull(),
    /** true once the reviewer changed a field */
    edited: integer("edited", { mode: "boolean" }).notNull().default(false),
    /** the commitment created from it (decision "imported") */
    commitmentId: integer("commitment_id").references(() => commitments.id),
    /** the live commitment it repeats (decision "duplicate"), and how: "passage" or "words" */
    duplicateOf: integer("duplicate_of").references(() => commitments.id),
    duplicateReason: text("duplicate_reason", { enum: ["passage", "words"] }),
    updatedAt: text("updated_at").notNull().default(nowUtc),
    /** raised by a trigger on every change (drizzle/0017): a form's stale version is refused */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("import_candidates_run_idx").on(t.runId, t.start, t.end),
    index("import_candidates_decision_idx").on(t.runId, t.decision, t.start),
  ],
);

export type ImportRun = typeof importRuns.$inferSelect;
export type ImportCandidate = typeof importCandidates.$inferSelect;

/**
 * The normalised words of a live commitment (lib/import/dedupe.ts quoteKey): of its recorded quote
 * and of its anchored passage ("" when none), so a re-import finds the commitments it repeats by an
 * index seek (db/import-duplicates.ts). Kept by the import verbs; dropped by triggers when the
 * commitment's quote or anchor changes (drizzle/0017_import_keys_versions.sql).
 */
export const commitmentQuoteKeys = sqliteTable(
  "commitment_quote_keys",
  {
    commitmentId: integer("commitment_id").primaryKey(),
    agreementId: integer("agreement_id").notNull(),
    quoteKey: text("quote_key").notNull(),
    passageKey: text("passage_key").notNull(),
  },
  (t) => [
    index("commitment_quote_keys_quote_idx").on(t.agreementId, t.quoteKey),
    index("commitment_quote_keys_passage_idx").on(t.agreementId, t.passageKey),
  ],
);
