/**
 * Source documents (issue 10): the default dataset's news report and its anchors, the database's
 * checks of documents and anchors (clear errors for bad ones), the public revision, the upgrade of a
 * database loaded before documents existed, migration 0015's copy of agreements.source_text, and
 * the `source_document.create` write verb. All against real SQLite files.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { and, eq } from "drizzle-orm";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { openDatabase, type Db } from "@/db/client";
import { KR_MY_2024 } from "@/db/datasets/kr-my-2024";
import { MIGRATIONS_FOLDER, runMigrations } from "@/db/migrate";
import { createSourceDocument } from "@/db/mutations/source-documents";
import { getAgreementBySlug } from "@/db/queries/agreements";
import { getCommitment } from "@/db/queries/commitments";
import { agreements, auditLog, commitments, sourceDocuments } from "@/db/schema";
import { DATASET_SOURCES_FOLDER, upgradeDefaultDataset } from "@/db/seed";

import { createTempDb, type TempDb } from "../support/temp-db";
import { insertUser } from "../support/users";

const SLUG = KR_MY_2024.agreement.slug;
const NEWS_FILE = path.join(DATASET_SOURCES_FOLDER, "kr-my-2024-news-report.txt");

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

function agreementId(db: Db, slug = SLUG): number {
  return db.select({ id: agreements.id }).from(agreements).where(eq(agreements.slug, slug)).get()?.id ?? 0;
}
function commitmentByRef(db: Db, ref: string) {
  const row = db
    .select()
    .from(commitments)
    .where(and(eq(commitments.agreementId, agreementId(db)), eq(commitments.ref, ref)))
    .get();
  if (!row) throw new Error(`no commitment ${ref}`);
  return row;
}
function newsReport(db: Db) {
  const row = db
    .select()
    .from(sourceDocuments)
    .where(and(eq(sourceDocuments.agreementId, agreementId(db)), eq(sourceDocuments.kind, "news_report")))
    .get();
  if (!row) throw new Error("no source document");
  return row;
}
function revision(db: Db): number {
  return db.$client.prepare("SELECT revision FROM public_revision WHERE id = 1").pluck().get() as number;
}
/** A second agreement with a document of its own; returns both ids. */
function otherAgreementWithDocument(db: Db) {
  const other = db.insert(agreements).values({ slug: "other", title: "Other", kind: "MoU" }).returning().get().id;
  const doc = db
    .insert(sourceDocuments)
    .values({ agreementId: other, kind: "official_text", title: "Text", text: "Short text.", textLength: 11 })
    .returning()
    .get().id;
  return { other, doc };
}

describe("the default dataset's news report", () => {
  it("is stored exactly as the file, as a news report with its title, URL and date", () => {
    const doc = newsReport(t.db);
    const file = fs.readFileSync(NEWS_FILE, "utf8");
    expect(doc.text).toBe(file);
    expect(doc.text.length).toBe(4012);
    expect(doc).toMatchObject({
      kind: "news_report",
      title: "Malaysia and South Korea Pledge Deeper Cooperation on Defense, Trade",
      url: "https://thediplomat.com/2024/11/malaysia-and-south-korea-pledge-deeper-cooperation-on-defense-trade",
      publishedOn: "2024-11-26",
      textLength: file.length,
      format: "txt",
      encoding: "UTF-8",
      encodingGuessed: false,
      deletedAt: null,
    });
  });

  it("anchors each quoted commitment: passage === text.slice(start, end), in the dataset and the database", () => {
    const doc = newsReport(t.db);
    const withSource = KR_MY_2024.commitments.filter((c) => c.source);
    expect(withSource.map((c) => c.ref)).toEqual(["1", "3", "4", "6", "7", "8", "9", "16"]);
    for (const c of withSource) {
      const row = commitmentByRef(t.db, c.ref);
      expect(row.sourceDocumentId).toBe(doc.id);
      const quote = doc.text.slice(row.anchorStart ?? 0, row.anchorEnd ?? 0);
      expect(quote, `commitment ${c.ref}`).toBe(c.source?.passage);
      expect(row.fromCommentary).toBe(c.source?.fromCommentary);
      // A commitment quoting the statement verbatim: its recorded quote is the passage.
      if (!row.fromCommentary && row.quote) expect(row.quote).toBe(quote);
    }
    // The three named by the issue, with their offsets pinned.
    const fta = commitmentByRef(t.db, "6");
    expect([fta.anchorStart, fta.anchorEnd, fta.fromCommentary]).toEqual([2025, 2078, true]);
    expect(doc.text.slice(2025, 2078)).toBe("plans to conclude a free trade agreement by next year");
    const rd = commitmentByRef(t.db, "4");
    expect(doc.text.slice(rd.anchorStart ?? 0, rd.anchorEnd ?? 0)).toMatch(
      /^to continue to explore ways.*defense industry\.$/,
    );
    expect(rd.fromCommentary).toBe(false);
    const partnership = commitmentByRef(t.db, "1");
    expect(doc.text.slice(partnership.anchorStart ?? 0, partnership.anchorEnd ?? 0)).toMatch(
      /^signifying the commitment/,
    );
    // Commitments the report does not quote have no anchor.
    expect(commitmentByRef(t.db, "5")).toMatchObject({ sourceDocumentId: null, anchorStart: null, anchorEnd: null });
  });

  it("reaches the agreement read and the commitment read", () => {
    const detail = getAgreementBySlug(t.db, SLUG);
    expect(detail?.sourceDocuments.map((d) => d.kind)).toEqual(["news_report"]);
    const fta = detail?.commitments.find((c) => c.ref === "6");
    expect(fta?.anchor).toEqual({
      sourceDocumentId: newsReport(t.db).id,
      start: 2025,
      end: 2078,
      fromCommentary: true,
    });
    const c = getCommitment(t.db, fta?.id ?? 0);
    expect(c?.source).toMatchObject({
      document: { kind: "news_report", publishedOn: "2024-11-26" },
      start: 2025,
      end: 2078,
      passage: "plans to conclude a free trade agreement by next year",
      fromCommentary: true,
    });
  });

  it("cuts the passage in JavaScript when the text has characters outside the BMP", () => {
    const id = agreementId(t.db);
    const text = "😀 emoji first. Both sides will conclude the FTA.";
    const doc = t.db
      .insert(sourceDocuments)
      .values({ agreementId: id, kind: "readout", title: "Readout", text, textLength: text.length })
      .returning()
      .get();
    const start = text.indexOf("Both");
    const row = commitmentByRef(t.db, "5");
    t.db
      .update(commitments)
      .set({ sourceDocumentId: doc.id, anchorStart: start, anchorEnd: text.length })
      .where(eq(commitments.id, row.id))
      .run();
    expect(getCommitment(t.db, row.id)?.source?.passage).toBe("Both sides will conclude the FTA.");
  });
});

describe("checks at the database", () => {
  const setAnchor = (db: Db, ref: string, values: Partial<typeof commitments.$inferInsert>) => () =>
    db
      .update(commitments)
      .set(values)
      .where(eq(commitments.id, commitmentByRef(db, ref).id))
      .run();

  it("refuses bad anchors on a commitment, each with a message naming the rule", () => {
    const doc = newsReport(t.db);
    const { doc: foreign } = otherAgreementWithDocument(t.db);
    expect(setAnchor(t.db, "5", { sourceDocumentId: doc.id, anchorStart: 10, anchorEnd: null })).toThrow(
      "commitments.anchor_start and anchor_end must both be set or both be empty",
    );
    expect(setAnchor(t.db, "5", { anchorStart: 10, anchorEnd: 20 })).toThrow(
      "commitments.anchor_start and anchor_end need a source document (source_document_id)",
    );
    expect(setAnchor(t.db, "5", { sourceDocumentId: doc.id, anchorStart: 20, anchorEnd: 20 })).toThrow(
      "commitments.anchor_start must be a whole number from 0, less than anchor_end",
    );
    expect(setAnchor(t.db, "5", { sourceDocumentId: doc.id, anchorStart: -1, anchorEnd: 20 })).toThrow(
      "commitments.anchor_start must be a whole number from 0, less than anchor_end",
    );
    expect(setAnchor(t.db, "5", { sourceDocumentId: doc.id, anchorStart: 4000, anchorEnd: 4013 })).toThrow(
      "commitments.anchor_end must not pass the end of its source document's text",
    );
    expect(setAnchor(t.db, "5", { sourceDocumentId: foreign, anchorStart: 0, anchorEnd: 5 })).toThrow(
      "commitments.source_document_id must be a source document of the commitment's own agreement",
    );
    expect(() => t.db.$client.prepare("UPDATE commitments SET from_commentary = 2 WHERE ref = '5'").run()).toThrow(
      "commitments.from_commentary must be 0 or 1",
    );
    // A new row is checked too.
    expect(() =>
      t.db
        .insert(commitments)
        .values({ agreementId: agreementId(t.db), ref: "99", title: "x", theme: "Trade", anchorStart: 0, anchorEnd: 3 })
        .run(),
    ).toThrow("commitments.anchor_start and anchor_end need a source document (source_document_id)");
  });

  it("accepts anchors at the text's ends and a document without offsets", () => {
    const doc = newsReport(t.db);
    setAnchor(t.db, "5", { sourceDocumentId: doc.id, anchorStart: 0, anchorEnd: doc.textLength })();
    expect(commitmentByRef(t.db, "5")).toMatchObject({ anchorStart: 0, anchorEnd: 4012 });
    setAnchor(t.db, "5", { sourceDocumentId: doc.id, anchorStart: null, anchorEnd: null })();
    expect(commitmentByRef(t.db, "5")).toMatchObject({ sourceDocumentId: doc.id, anchorStart: null });
  });

  it("refuses an anchor into a deleted document, and a document's text changing under its anchors", () => {
    const id = agreementId(t.db);
    const gone = t.db
      .insert(sourceDocuments)
      .values({
        agreementId: id,
        kind: "other",
        title: "Gone",
        text: "Gone text",
        textLength: 9,
        deletedAt: "2026-01-01T00:00:00.000Z",
      })
      .returning()
      .get().id;
    expect(setAnchor(t.db, "5", { sourceDocumentId: gone, anchorStart: 0, anchorEnd: 4 })).toThrow(
      "commitments.source_document_id must not be a deleted source document",
    );
    const doc = newsReport(t.db);
    expect(() =>
      t.db.update(sourceDocuments).set({ text: "short", textLength: 5 }).where(eq(sourceDocuments.id, doc.id)).run(),
    ).toThrow("source_documents.text cannot change: commitments are anchored to it");
    const { other } = otherAgreementWithDocument(t.db);
    expect(() =>
      t.db.update(sourceDocuments).set({ agreementId: other }).where(eq(sourceDocuments.id, doc.id)).run(),
    ).toThrow("source_documents.agreement_id cannot change");
    // Its title may change.
    t.db.update(sourceDocuments).set({ title: "Renamed" }).where(eq(sourceDocuments.id, doc.id)).run();
    expect(newsReport(t.db).title).toBe("Renamed");
  });

  it("refuses bad values on a source document", () => {
    const id = agreementId(t.db);
    const base = { agreementId: id, kind: "readout" as const, title: "Readout", text: "Both will.", textLength: 10 };
    const insert = (values: Record<string, unknown>) => () =>
      t.db
        .insert(sourceDocuments)
        .values({ ...base, ...values } as typeof base)
        .run();
    expect(insert({ kind: "tweet" })).toThrow("source_documents.kind must be official_text, joint_statement");
    expect(insert({ publishedOn: "2024-02-30" })).toThrow("source_documents.published_on must be a real date");
    expect(insert({ url: "javascript:alert(1)" })).toThrow("source_documents.url must be an http(s) URL");
    expect(insert({ text: "", textLength: 0 })).toThrow("source_documents.text must not be empty");
    expect(insert({ title: "  " })).toThrow("source_documents.title must not be empty");
    expect(insert({ textLength: 11 })).toThrow("source_documents.text_length must be the text's length in UTF-16");
    expect(insert({ textLength: 9 })).toThrow("source_documents.text_length must be the text's length in UTF-16");
    expect(insert({ format: "exe" })).toThrow("source_documents.format must be txt, md, html, docx, pdf or paste");
    // UTF-16 length of a text with a character outside the BMP: 2 units, 1 code point.
    insert({ text: "Korea 🇰🇷 양국", textLength: "Korea 🇰🇷 양국".length })();
    expect(insert({ agreementId: 999_999 })).toThrow(/FOREIGN KEY/);
  });

  it("raises the public revision on every change to a source document", () => {
    const before = revision(t.db);
    const doc = newsReport(t.db);
    t.db.update(sourceDocuments).set({ title: "New title" }).where(eq(sourceDocuments.id, doc.id)).run();
    expect(revision(t.db)).toBeGreaterThan(before);
    const mid = revision(t.db);
    t.db
      .insert(sourceDocuments)
      .values({ agreementId: doc.agreementId, kind: "other", title: "x", text: "y", textLength: 1 })
      .run();
    expect(revision(t.db)).toBeGreaterThan(mid);
  });
});

describe("upgrade of a database loaded before source documents", () => {
  /** Make the seeded database look like one loaded by the previous release. */
  function asBeforeDocuments(db: Db) {
    db.$client.exec(
      "UPDATE commitments SET source_document_id = NULL, anchor_start = NULL, anchor_end = NULL, from_commentary = 0; DELETE FROM source_documents;",
    );
  }

  it("adds the news report and the anchors once, bumping versions, with one audit row", () => {
    asBeforeDocuments(t.db);
    const versionBefore = commitmentByRef(t.db, "6").version;
    expect(upgradeDefaultDataset(t.db)).toBe(true);
    const doc = newsReport(t.db);
    expect(doc.text).toBe(fs.readFileSync(NEWS_FILE, "utf8"));
    const fta = commitmentByRef(t.db, "6");
    expect(doc.text.slice(fta.anchorStart ?? 0, fta.anchorEnd ?? 0)).toBe(
      "plans to conclude a free trade agreement by next year",
    );
    expect(fta.version).toBe(versionBefore + 1);
    const audit = t.db.select().from(auditLog).where(eq(auditLog.action, "dataset.upgrade")).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ sourceDocuments: 1, anchored: ["1", "3", "4", "6", "7", "8", "9", "16"] });
    expect(upgradeDefaultDataset(t.db)).toBe(false);
    expect(t.db.select().from(sourceDocuments).all()).toHaveLength(1);
  });

  it("does nothing where the agreement has a document, even a deleted one", () => {
    asBeforeDocuments(t.db);
    t.db
      .insert(sourceDocuments)
      .values({
        agreementId: agreementId(t.db),
        kind: "official_text",
        title: "Own",
        text: "Own text",
        textLength: 8,
        deletedAt: "2026-01-01T00:00:00.000Z",
      })
      .run();
    expect(upgradeDefaultDataset(t.db)).toBe(false);
    expect(commitmentByRef(t.db, "6")).toMatchObject({ sourceDocumentId: null, anchorStart: null });
  });
});

describe("upgrade guards", () => {
  it("leaves an agreement that only has the default slug (not loaded by the dataset)", () => {
    const u = createTempDb({ seed: false });
    try {
      u.db.insert(agreements).values({ slug: SLUG, title: "An admin's own agreement", kind: "MoU" }).run();
      expect(upgradeDefaultDataset(u.db)).toBe(false);
      expect(u.db.select().from(sourceDocuments).all()).toEqual([]);
    } finally {
      u.cleanup();
    }
  });
});

describe("migration 0015", () => {
  it("copies agreements.source_text into an official-text document and points existing anchors into it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-0015-"));
    try {
      // The migrations up to 0014, then data as the previous release could hold it, then 0015.
      const before = path.join(dir, "drizzle");
      fs.cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
      fs.rmSync(path.join(before, "0015_source_documents.sql"));
      const journalFile = path.join(before, "meta", "_journal.json");
      const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
      journal.entries = journal.entries.filter((e) => e.tag < "0015"); // the database as it was before 0015
      fs.writeFileSync(journalFile, JSON.stringify(journal));
      const db = openDatabase(path.join(dir, "old.sqlite"));
      try {
        migrate(db, { migrationsFolder: before });
        const sqlite = db.$client;
        sqlite
          .prepare(
            "INSERT INTO agreements (slug, title, kind, signed_on, source_url, source_text) VALUES ('old', 'Old MoU', 'MoU', '2024-01-02', 'https://example.org/mou', 'Article 1. The Parties shall cooperate.')",
          )
          .run();
        sqlite
          .prepare(
            "INSERT INTO commitments (agreement_id, ref, title, theme, anchor_start, anchor_end) VALUES (1, '1', 'Cooperate', 'Trade', 11, 39)",
          )
          .run();
        runMigrations(db);
        const doc = sqlite.prepare("SELECT * FROM source_documents").get() as Record<string, unknown>;
        expect(doc).toMatchObject({
          agreement_id: 1,
          kind: "official_text",
          title: "Old MoU",
          url: "https://example.org/mou",
          published_on: "2024-01-02",
          text: "Article 1. The Parties shall cooperate.",
          text_length: 39,
        });
        const c = sqlite.prepare("SELECT source_document_id, anchor_start, anchor_end FROM commitments").get();
        expect(c).toEqual({ source_document_id: doc.id, anchor_start: 11, anchor_end: 39 });
      } finally {
        db.$client.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("source_document.create", () => {
  let admin = 0;
  beforeEach(async () => {
    admin = await insertUser(t.db, "admin@example.org", "admin");
  });
  const input = (over: Record<string, unknown> = {}) => ({
    agreementId: agreementId(t.db),
    kind: "joint_statement",
    title: "Joint statement",
    url: "",
    publishedOn: "2024-11-25",
    text: "  1. Both sides will conclude the FTA by next year.\n\n2. 양국은 협력한다.\n",
    format: "txt",
    ...over,
  });

  it("stores the text exactly, with its UTF-16 length, and one audit row without the text", () => {
    const result = createSourceDocument(t.db, admin, input());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = t.db.select().from(sourceDocuments).where(eq(sourceDocuments.id, result.data.sourceDocumentId)).get();
    expect(row).toMatchObject({
      text: input().text,
      textLength: input().text.length,
      url: null,
      kind: "joint_statement",
    });
    const audit = t.db.select().from(auditLog).where(eq(auditLog.action, "source_document.create")).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ title: "Joint statement", textLength: input().text.length });
    expect(JSON.stringify(audit[0]?.after)).not.toContain("Both sides");
  });

  it("refuses bad input naming the field, and a deleted agreement, writing nothing", () => {
    const count = () => t.db.select().from(sourceDocuments).all().length;
    const before = count();
    expect(createSourceDocument(t.db, admin, input({ kind: "tweet" }))).toMatchObject({
      kind: "invalid",
      fieldErrors: { kind: [expect.stringContaining("news report")] },
    });
    expect(createSourceDocument(t.db, admin, input({ url: "javascript:alert(1)" }))).toMatchObject({
      fieldErrors: { url: [expect.any(String)] },
    });
    expect(createSourceDocument(t.db, admin, input({ text: " \n " }))).toMatchObject({
      fieldErrors: { text: ["The text is empty"] },
    });
    expect(createSourceDocument(t.db, admin, input({ publishedOn: "2024-13-01" }))).toMatchObject({
      fieldErrors: { publishedOn: ["Enter a real date as YYYY-MM-DD"] },
    });
    expect(createSourceDocument(t.db, admin, input({ title: "" }))).toMatchObject({
      fieldErrors: { title: ["The title is required"] },
    });
    t.db.update(agreements).set({ deletedAt: "2026-01-01T00:00:00.000Z" }).where(eq(agreements.slug, SLUG)).run();
    expect(createSourceDocument(t.db, admin, input())).toMatchObject({ ok: false, kind: "not_found" });
    expect(count()).toBe(before);
  });
});
