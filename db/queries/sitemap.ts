/**
 * Reads for the sitemap (lib/sitemap.ts): how many live agreements and commitments there are, and
 * one part's slice of each, paged by id (`ORDER BY id LIMIT … OFFSET …`), so a part reads at most
 * the protocol's 50,000 rows whatever the database holds.
 */
import { sql } from "drizzle-orm";

import type { CalendarDate } from "../../lib/calendar-date";
import { SITEMAP_URL_LIMIT, type SitemapEntry, sitemapParts, sliceOfPart } from "../../lib/sitemap";
import type { Db } from "../client";

/** Live agreements and live commitments (milestones included: each has its page). */
export function sitemapCounts(db: Db): { agreements: number; commitments: number } {
  const row = db.get<{ agreements: number; commitments: number }>(sql`
    SELECT (SELECT count(*) FROM agreements WHERE deleted_at IS NULL) AS agreements,
      (SELECT count(*) FROM live_commitments) AS commitments`);
  return { agreements: row?.agreements ?? 0, commitments: row?.commitments ?? 0 };
}

/** Slugs of live agreements by id, from `offset`, at most `limit`. */
export function sitemapAgreements(db: Db, offset: number, limit: number): { slug: string }[] {
  return db.all<{ slug: string }>(
    sql`SELECT slug FROM agreements WHERE deleted_at IS NULL ORDER BY id LIMIT ${limit} OFFSET ${offset}`,
  );
}

/** Live commitments by id, from `offset`, at most `limit`, each with the day of its latest update. */
export function sitemapCommitments(
  db: Db,
  offset: number,
  limit: number,
): { id: number; lastUpdatedOn: CalendarDate | null }[] {
  return db.all<{ id: number; lastUpdatedOn: CalendarDate | null }>(sql`
    SELECT l.id, (SELECT max(su.happened_on) FROM status_updates su WHERE su.commitment_id = l.id) AS lastUpdatedOn
    FROM (SELECT id FROM live_commitments ORDER BY id LIMIT ${limit} OFFSET ${offset}) l ORDER BY l.id`);
}

/**
 * Live commitments with an id above `afterId`, by id, at most `limit`, each with the day of its
 * latest update: the next chunk of a part (a range of the primary key, where OFFSET would walk
 * every earlier row again).
 */
export function sitemapCommitmentsAfter(
  db: Db,
  afterId: number,
  limit: number,
): { id: number; lastUpdatedOn: CalendarDate | null }[] {
  return db.all<{ id: number; lastUpdatedOn: CalendarDate | null }>(sql`
    SELECT c.id, (SELECT max(su.happened_on) FROM status_updates su WHERE su.commitment_id = c.id) AS lastUpdatedOn
    FROM commitments c WHERE c.id > ${afterId} AND c.live = 1 ORDER BY c.id LIMIT ${limit}`);
}

/** The fixed public pages, first in every sitemap. */
export const SITEMAP_PAGES: readonly SitemapEntry[] = [
  { url: "/", changeFrequency: "daily" },
  { url: "/agreements", changeFrequency: "daily" },
  { url: "/commitments", changeFrequency: "daily" },
  { url: "/deadlines", changeFrequency: "daily" },
  { url: "/compare", changeFrequency: "weekly" },
];

/** How many sitemap files the database needs at `limit` URLs a file. */
export function sitemapPartCount(db: Db, limit = SITEMAP_URL_LIMIT): number {
  const counts = sitemapCounts(db);
  return sitemapParts(SITEMAP_PAGES.length + counts.agreements + counts.commitments, limit);
}

/** Entries read per query while a part is streamed (lib/sitemap.ts `urlsetXmlStream`). */
export const SITEMAP_CHUNK = 2_000;

/**
 * The entries of sitemap part `part` (lib/sitemap.ts numbering) under `origin`, as chunks of at
 * most `chunk` entries read one bounded query at a time as the caller iterates, or null when the
 * part is past the last. The part holds at most `limit` URLs; a request streaming it holds one chunk.
 */
export function sitemapPartChunks(
  db: Db,
  origin: string,
  part: number,
  limit = SITEMAP_URL_LIMIT,
  chunk = SITEMAP_CHUNK,
): Iterable<SitemapEntry[]> | null {
  const counts = sitemapCounts(db);
  const total = SITEMAP_PAGES.length + counts.agreements + counts.commitments;
  if (part >= sitemapParts(total, limit)) return null;
  return partChunks(db, origin, part, limit, chunk, counts);
}

function* partChunks(
  db: Db,
  origin: string,
  part: number,
  limit: number,
  chunk: number,
  counts: { agreements: number; commitments: number },
): Generator<SitemapEntry[]> {
  const pages = sliceOfPart(part, 0, SITEMAP_PAGES.length, limit);
  if (pages) {
    yield SITEMAP_PAGES.slice(pages.offset, pages.offset + pages.limit).map((p) => ({
      ...p,
      url: `${origin}${p.url}`,
    }));
  }
  const agreements = sliceOfPart(part, SITEMAP_PAGES.length, counts.agreements, limit);
  if (agreements) {
    // At most one agreement per live agreement: 2,000 at issue 9's size, one query.
    yield sitemapAgreements(db, agreements.offset, agreements.limit).map((a) => ({
      url: `${origin}/agreements/${a.slug}`,
      changeFrequency: "weekly",
    }));
  }
  const commitments = sliceOfPart(part, SITEMAP_PAGES.length + counts.agreements, counts.commitments, limit);
  if (!commitments) return;
  let left = commitments.limit;
  let rows = sitemapCommitments(db, commitments.offset, Math.min(chunk, left));
  while (rows.length > 0) {
    left -= rows.length;
    yield rows.map((c) => ({
      url: `${origin}/commitments/${c.id}`,
      lastModified: c.lastUpdatedOn,
      changeFrequency: "weekly",
    }));
    if (left <= 0) return;
    rows = sitemapCommitmentsAfter(db, rows[rows.length - 1]!.id, Math.min(chunk, left));
  }
}

/**
 * The entries of sitemap part `part` (lib/sitemap.ts numbering) under `origin` in one array, or
 * null when the part is past the last: at most `limit` URLs (`sitemapPartChunks` joined).
 */
export function sitemapPartEntries(
  db: Db,
  origin: string,
  part: number,
  limit = SITEMAP_URL_LIMIT,
): SitemapEntry[] | null {
  const chunks = sitemapPartChunks(db, origin, part, limit);
  return chunks === null ? null : [...chunks].flat();
}
