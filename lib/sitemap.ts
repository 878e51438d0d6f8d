/**
 * The sitemap as the sitemap protocol (sitemaps.org) wants it: at most 50,000 URLs a file; past
 * that, `/sitemap.xml` is a sitemap index pointing at `/sitemap/0.xml`, `/sitemap/1.xml`, … (each
 * part a bounded SQL read, db/queries/sitemap.ts). The URLs are numbered in one order — the fixed
 * pages, then agreements by id, then commitments by id — and part k holds numbers
 * [k × limit, (k + 1) × limit). Pure functions; the limit is a parameter so tests can split small.
 */

/** The protocol's limit of URLs in one sitemap file. */
export const SITEMAP_URL_LIMIT = 50_000;

export interface SitemapEntry {
  url: string;
  /** YYYY-MM-DD */
  lastModified?: string | null;
  changeFrequency?: "daily" | "weekly";
}

/** How many sitemap files `total` URLs need at `limit` a file (at least 1). */
export function sitemapParts(total: number, limit = SITEMAP_URL_LIMIT): number {
  return Math.max(1, Math.ceil(total / limit));
}

/**
 * The slice of one kind of URL (numbered `start` to `start + count - 1` in the whole sitemap) that
 * falls in part `part`: an offset into that kind and how many, or null when none does.
 */
export function sliceOfPart(
  part: number,
  start: number,
  count: number,
  limit = SITEMAP_URL_LIMIT,
): { offset: number; limit: number } | null {
  const from = Math.max(part * limit, start);
  const to = Math.min((part + 1) * limit, start + count);
  return to > from ? { offset: from - start, limit: to - from } : null;
}

/** The part number in a path segment such as "3.xml", or null when it is not one. */
export function parsePart(segment: string): number | null {
  const m = /^(0|[1-9][0-9]{0,5})\.xml$/.exec(segment);
  return m ? Number(m[1]) : null;
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!,
  );
}

const URLSET_HEAD = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n`;
const URLSET_TAIL = "\n</urlset>\n";

function urlXml(e: SitemapEntry): string {
  return `<url>\n<loc>${escapeXml(e.url)}</loc>\n${e.lastModified ? `<lastmod>${e.lastModified}</lastmod>\n` : ""}${
    e.changeFrequency ? `<changefreq>${e.changeFrequency}</changefreq>\n` : ""
  }</url>`;
}

/** A `<urlset>` document of `entries`. */
export function urlsetXml(entries: readonly SitemapEntry[]): string {
  return `${URLSET_HEAD}${entries.map(urlXml).join("\n")}${URLSET_TAIL}`;
}

/**
 * The same document as `urlsetXml` of all the chunks' entries, as a UTF-8 stream that takes the
 * next chunk from `chunks` only when the reader wants more: a 50,000-URL part (about 6 MB) is never
 * held whole, and each chunk's query runs apart, so other requests are served in between.
 */
export function urlsetXmlStream(chunks: Iterable<readonly SitemapEntry[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = chunks[Symbol.iterator]();
  let first = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(URLSET_HEAD));
    },
    pull(controller) {
      // Enqueue something on every pull: a pull that enqueues nothing is not called again.
      for (;;) {
        const next = it.next();
        if (next.done) {
          controller.enqueue(encoder.encode(URLSET_TAIL));
          controller.close();
          return;
        }
        if (next.value.length === 0) continue;
        const text = next.value.map(urlXml).join("\n");
        controller.enqueue(encoder.encode(first ? text : `\n${text}`));
        first = false;
        return;
      }
    },
    cancel() {
      it.return?.();
    },
  });
}

/** A `<sitemapindex>` document pointing at `parts` files under `origin`/sitemap/. */
export function sitemapIndexXml(origin: string, parts: number): string {
  const items = Array.from(
    { length: parts },
    (_, i) => `<sitemap>\n<loc>${escapeXml(`${origin}/sitemap/${i}.xml`)}</loc>\n</sitemap>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join("\n")}\n</sitemapindex>\n`;
}
