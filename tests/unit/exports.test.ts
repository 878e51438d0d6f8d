/** CSV, Atom and badge output, from the default dataset in a real SQLite file. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { latestUpdates } from "@/db/queries/commitments";
import { statusBadgeSvg } from "@/lib/badge";
import type { CatalogRow } from "@/lib/commitment-list";
import { compareDates } from "@/lib/compare";
import { CSV_COLUMNS, commitmentsCsv } from "@/lib/csv";
import { atomFeed, updateHeadline } from "@/lib/feeds";

import { createTempDb, type TempDb } from "../support/temp-db";
import { loadCatalog } from "../support/catalog";

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

describe("CSV", () => {
  it("starts with a BOM, keeps Korean and Malay intact and quotes per RFC 4180", () => {
    const [first] = loadCatalog(t.db);
    const row: CatalogRow = {
      ...(first as CatalogRow),
      title: '디지털 무역협정 — Perjanjian "Digital", Malaysia',
      owner: "Line one\nline two",
    };
    const csv = commitmentsCsv([row], "2026-11-29", "https://tracker.example");
    const bytes = Buffer.from(csv, "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.slice(1);
    expect(text.startsWith(`${Object.keys(CSV_COLUMNS).join(",")}\r\n`)).toBe(true);
    expect(text).toContain('"디지털 무역협정 — Perjanjian ""Digital"", Malaysia"');
    expect(text).toContain('"Line one\nline two"');
    expect(text).toContain(",https://tracker.example/commitments/");
    expect(text.endsWith("\r\n")).toBe(true);
  });
  it("ends each row with due_today: yes when the target date is the list's date and the status is open", () => {
    const [first] = loadCatalog(t.db);
    const base = first as CatalogRow;
    const rows: CatalogRow[] = [
      { ...base, id: 901, targetDate: "2026-11-29", status: "in_progress" },
      { ...base, id: 902, targetDate: "2026-11-29", status: "fulfilled" },
      { ...base, id: 903, targetDate: "2026-11-30", status: "in_progress" },
      { ...base, id: 904, targetDate: null, targetPrecision: null, status: "not_started" },
    ];
    const lines = commitmentsCsv(rows, "2026-11-29", "https://t.example").slice(1).split("\r\n");
    const header = lines[0]?.split(",") ?? [];
    // Appended after the columns that were there before, which keep their order.
    expect(header.slice(-3)).toEqual(["stale", "url", "due_today"]);
    expect(header).toEqual(Object.keys(CSV_COLUMNS));
    expect(lines.slice(1, 5).map((l) => l.split(",").slice(-2))).toEqual([
      ["https://t.example/commitments/901", "yes"],
      ["https://t.example/commitments/902", "no"],
      ["https://t.example/commitments/903", "no"],
      ["https://t.example/commitments/904", "no"],
    ]);
  });
});

describe("Atom", () => {
  it("describes each update and keeps entry ids stable", () => {
    const updates = latestUpdates(t.db, 5);
    const xml = atomFeed(
      {
        title: "All",
        pageUrl: "https://t.example/",
        feedUrl: "https://t.example/feed.xml",
        updatedWhenEmpty: "2024-11-25",
      },
      updates,
      "https://t.example",
    );
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toMatch(/<author>\s*<name>Accord Tracker<\/name>/);
    expect(xml).toContain(`<updated>${updates[0]?.happenedOn}T00:00:00.000Z</updated>`);
    expect(xml.match(/<entry>/g)).toHaveLength(5);
    expect(xml).toContain(`<id>tag:t.example,2024:status-update/${updates[0]?.id}</id>`);
    expect(
      updateHeadline({ statusFrom: "in_progress", statusTo: "fulfilled", targetDateFrom: null, targetDateTo: null }),
    ).toBe("In progress → Fulfilled");
    expect(
      updateHeadline({
        statusFrom: "stalled",
        statusTo: "stalled",
        targetDateFrom: "2025-12-31",
        targetDateTo: "2026-06-30",
      }),
    ).toBe("Target moved from 31 Dec 2025 to 30 Jun 2026");
  });

  it("sends notes and titles as text, never as markup", () => {
    const [update] = latestUpdates(t.db, 1);
    if (!update) throw new Error("no update in the dataset");
    const xml = atomFeed(
      {
        title: "All",
        pageUrl: "https://t.example/",
        feedUrl: "https://t.example/feed.xml",
        updatedWhenEmpty: "2024-11-25",
      },
      [{ ...update, note: "Tom & Jerry <script>alert(1)</script> x < y" }],
      "https://t.example",
    );
    expect(xml).toContain("Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; x &lt; y");
    expect(xml).not.toContain("<script>");
  });

  it("dates an empty feed from the scope, not 1970", () => {
    const xml = atomFeed(
      {
        title: "None",
        pageUrl: "https://t.example/",
        feedUrl: "https://t.example/x.xml",
        updatedWhenEmpty: "2024-11-25",
      },
      [],
      "https://t.example",
    );
    expect(xml).not.toContain("<entry>");
    expect(xml).toContain("<updated>2024-11-25T00:00:00.000Z</updated>");
  });
});

describe("badge", () => {
  it("names the status in text and escapes the label", () => {
    const svg = statusBadgeSvg("Commitment <6>", "in_progress");
    expect(svg).toContain('aria-label="Commitment &lt;6&gt;: In progress"');
    expect(svg).toContain("◐ In progress");
    expect(svg).not.toContain("<6>");
  });
});

describe("compare", () => {
  it("lists what changed between two dates", () => {
    const changes = compareDates(loadCatalog(t.db), "2025-06-01", "2025-11-25");
    expect(changes.map((c) => [c.row.ref, c.fromStatus, c.toStatus])).toEqual([
      ["2", "not_assessed", "in_progress"],
      ["4", "not_assessed", "in_progress"],
      ["6", "not_assessed", "fulfilled"],
      ["8", "not_assessed", "in_progress"],
      ["17", "not_assessed", "fulfilled"],
    ]);
    expect(compareDates(loadCatalog(t.db), "2024-11-01", "2024-11-25").map((c) => c.fromStatus)).toEqual(
      Array(17).fill(null),
    );
  });

  it("rolls a parent's progress up from its milestones as they stood on each date", () => {
    const parent = loadCatalog(t.db).find((r) => r.ref === "15")!;
    const point = (id: number, happenedOn: string, progressTo: number) => ({
      id,
      happenedOn,
      statusTo: "in_progress" as const,
      progressTo,
      targetDateFrom: null,
      targetDateTo: null,
    });
    const milestone = (id: number, history: CatalogRow["history"]): CatalogRow => ({
      ...parent,
      id,
      ref: `15.${id}`,
      parentId: parent.id,
      level: "milestone",
      status: "in_progress",
      progress: history.at(-1)?.progressTo ?? null,
      history,
    });
    const rows = [parent, milestone(9001, [point(1, "2025-03-01", 40)]), milestone(9002, [])];
    const change = compareDates(rows, "2025-01-01", "2025-06-01").find((c) => c.row.id === parent.id);
    // The parent has no figure of its own: 40 % from the one milestone with progress, none before.
    expect([change?.fromProgress, change?.toProgress]).toEqual([null, 40]);
  });
});
