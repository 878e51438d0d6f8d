/**
 * The sitemap's split at the protocol's limit (lib/sitemap.ts, db/queries/sitemap.ts), tested with a
 * small limit on a database grown by db/grow.ts: the parts together list every public URL once,
 * none holds more than the limit, and the index points at each part.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { type Db, prepareDatabase } from "../../db/client";
import { growDatabase } from "../../db/grow";
import { SITEMAP_PAGES, sitemapPartChunks, sitemapPartCount, sitemapPartEntries } from "../../db/queries/sitemap";
import {
  parsePart,
  type SitemapEntry,
  SITEMAP_URL_LIMIT,
  sitemapIndexXml,
  sitemapParts,
  sliceOfPart,
  urlsetXml,
  urlsetXmlStream,
} from "../../lib/sitemap";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-sitemap-"));
let db: Db;
const ORIGIN = "https://tracker.example";

beforeAll(() => {
  db = prepareDatabase(path.join(dir, "grown.sqlite"));
  growDatabase(db.$client, { commitments: 2500 });
  db.$client.exec("UPDATE agreements SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = 2");
  // A deleted commitment in the middle of the ids, so a chunk boundary can fall beside a gap.
  db.$client.exec("UPDATE commitments SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = 700");
});
afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the sitemap", () => {
  it("needs one file up to 50,000 URLs and one more for each 50,000 past that", () => {
    expect(SITEMAP_URL_LIMIT).toBe(50_000);
    expect(sitemapParts(0)).toBe(1);
    expect(sitemapParts(50_000)).toBe(1);
    expect(sitemapParts(50_001)).toBe(2);
    expect(sitemapParts(100_001)).toBe(3);
    expect(sliceOfPart(0, 5, 10, 8)).toEqual({ offset: 0, limit: 3 });
    expect(sliceOfPart(1, 5, 10, 8)).toEqual({ offset: 3, limit: 7 });
    expect(sliceOfPart(2, 5, 10, 8)).toBeNull();
    expect(parsePart("0.xml")).toBe(0);
    expect(parsePart("12.xml")).toBe(12);
    for (const bad of ["01.xml", "x.xml", "1.xml.gz", "-1.xml", "1"]) expect(parsePart(bad)).toBeNull();
  });

  it("splits the live pages at the limit: every URL once, no part over the limit", () => {
    const live = db.$client.prepare("SELECT count(*) AS n FROM live_commitments").get() as { n: number };
    const agreements = db.$client.prepare("SELECT slug FROM agreements WHERE deleted_at IS NULL").all() as {
      slug: string;
    }[];
    const total = SITEMAP_PAGES.length + agreements.length + live.n;
    expect(total).toBeGreaterThan(2500);
    const limit = 1000;
    const parts = sitemapPartCount(db, limit);
    expect(parts).toBe(Math.ceil(total / limit));
    const urls: string[] = [];
    for (let part = 0; part < parts; part++) {
      const entries = sitemapPartEntries(db, ORIGIN, part, limit)!;
      expect(entries.length).toBe(part < parts - 1 ? limit : total - limit * (parts - 1));
      urls.push(...entries.map((e) => e.url));
    }
    expect(sitemapPartEntries(db, ORIGIN, parts, limit)).toBeNull();
    expect(new Set(urls).size).toBe(total);
    expect(urls.slice(0, 2)).toEqual([`${ORIGIN}/`, `${ORIGIN}/agreements`]);
    for (const a of agreements) expect(urls).toContain(`${ORIGIN}/agreements/${a.slug}`);
    // The deleted agreement's pages are not listed.
    const gone = db.$client.prepare("SELECT slug FROM agreements WHERE id = 2").get() as { slug: string };
    expect(urls).not.toContain(`${ORIGIN}/agreements/${gone.slug}`);
    const ids = db.$client.prepare("SELECT id FROM live_commitments ORDER BY id").all() as { id: number }[];
    expect(urls.filter((u) => u.includes("/commitments/"))).toEqual(ids.map((r) => `${ORIGIN}/commitments/${r.id}`));
    // At the real limit, this database fits one file.
    expect(sitemapPartCount(db)).toBe(1);
  });

  it("writes a urlset and a sitemap index as the protocol has them", () => {
    const entries = sitemapPartEntries(db, ORIGIN, 2, 1000)!;
    const xml = urlsetXml(entries);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/,
    );
    expect(xml.match(/<loc>/g)).toHaveLength(entries.length);
    expect(xml).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}<\/lastmod>/);
    expect(urlsetXml([{ url: "https://x.example/?a=1&b=<2>" }])).toContain(
      "<loc>https://x.example/?a=1&amp;b=&lt;2&gt;</loc>",
    );
    const index = sitemapIndexXml(ORIGIN, 3);
    expect(index).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(index.match(/<loc>[^<]+<\/loc>/g)).toEqual([0, 1, 2].map((i) => `<loc>${ORIGIN}/sitemap/${i}.xml</loc>`));
  });

  it("streams each part in chunks of bounded queries: the same entries and the same bytes as one read", async () => {
    const limit = 1000;
    const chunk = 300;
    // The reference: fixed pages, live agreements by id, live commitments by id with their latest update.
    const latest = new Map(
      (
        db.$client.prepare("SELECT commitment_id AS id, happened_on AS day FROM status_updates").all() as {
          id: number;
          day: string;
        }[]
      ).reduce(
        (m, r) => m.set(r.id, !m.has(r.id) || r.day > m.get(r.id)! ? r.day : m.get(r.id)!),
        new Map<number, string>(),
      ),
    );
    const agreements = db.$client.prepare("SELECT slug FROM agreements WHERE deleted_at IS NULL ORDER BY id").all() as {
      slug: string;
    }[];
    const live = db.$client.prepare("SELECT id FROM commitments WHERE live = 1 ORDER BY id").all() as { id: number }[];
    expect(live.some((r) => r.id === 700)).toBe(false);
    const all: SitemapEntry[] = [
      ...SITEMAP_PAGES.map((p) => ({ ...p, url: `${ORIGIN}${p.url}` })),
      ...agreements.map((a) => ({ url: `${ORIGIN}/agreements/${a.slug}`, changeFrequency: "weekly" as const })),
      ...live.map((r) => ({
        url: `${ORIGIN}/commitments/${r.id}`,
        lastModified: latest.get(r.id) ?? null,
        changeFrequency: "weekly" as const,
      })),
    ];
    const parts = sitemapPartCount(db, limit);
    expect(parts).toBeGreaterThan(2);
    for (let part = 0; part < parts; part++) {
      const chunks = [...sitemapPartChunks(db, ORIGIN, part, limit, chunk)!];
      expect(chunks.every((c) => c.length <= chunk)).toBe(true);
      const expected = all.slice(part * limit, (part + 1) * limit);
      expect(chunks.flat()).toEqual(expected);
      const streamed = await new Response(urlsetXmlStream(chunks)).text();
      expect(streamed).toBe(urlsetXml(expected));
    }
    expect(sitemapPartChunks(db, ORIGIN, parts, limit, chunk)).toBeNull();
    // A chunk after the first is a range of ids on (live, rowid): no sort of every live row.
    const plan = (
      db.$client
        .prepare(
          `EXPLAIN QUERY PLAN SELECT c.id, (SELECT max(su.happened_on) FROM status_updates su WHERE su.commitment_id = c.id)
          FROM commitments c WHERE c.id > 100 AND c.live = 1 ORDER BY c.id LIMIT 300`,
        )
        .all() as { detail: string }[]
    ).map((r) => r.detail);
    expect(plan).toContain("SEARCH c USING COVERING INDEX commitments_live_id_idx (live=? AND rowid>?)");
    expect(plan.join("\n")).not.toContain("TEMP B-TREE");
    expect(await new Response(urlsetXmlStream([])).text()).toBe(urlsetXml([]));
    expect(await new Response(urlsetXmlStream([[], [{ url: "https://x.example/" }], []])).text()).toBe(
      urlsetXml([{ url: "https://x.example/" }]),
    );
  });
});
