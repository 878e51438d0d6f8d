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

/**
 * The entries of sitemap part `part` (lib/sitemap.ts numbering) under `origin`, or null when the
 * part is past the last: at most `limit` URLs, read with at most two bounded queries.
 */
export function sitemapPartEntries(
  db: Db,
  origin: string,
  part: number,
  limit = SITEMAP_URL_LIMIT,
): SitemapEntry[] | null {
  const counts = sitemapCounts(db);
  const total = SITEMAP_PAGES.length + counts.agreements + counts.commitments;
  if (part >= sitemapParts(total, limit)) return null;
  const out: SitemapEntry[] = [];
  const pages = sliceOfPart(part, 0, SITEMAP_PAGES.length, limit);
  if (pages) {
    for (const p of SITEMAP_PAGES.slice(pages.offset, pages.offset + pages.limit))
      out.push({ ...p, url: `${origin}${p.url}` });
  }
  const agreements = sliceOfPart(part, SITEMAP_PAGES.length, counts.agreements, limit);
  if (agreements) {
    for (const a of sitemapAgreements(db, agreements.offset, agreements.limit)) {
      out.push({ url: `${origin}/agreements/${a.slug}`, changeFrequency: "weekly" });
    }
  }
  const commitments = sliceOfPart(part, SITEMAP_PAGES.length + counts.agreements, counts.commitments, limit);
  if (commitments) {
    for (const c of sitemapCommitments(db, commitments.offset, commitments.limit)) {
      out.push({ url: `${origin}/commitments/${c.id}`, lastModified: c.lastUpdatedOn, changeFrequency: "weekly" });
    }
  }
  return out;
}
