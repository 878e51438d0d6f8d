/** The commitment list (filters, counts, as-of, search) against the default dataset in a real file. */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { searchCommitmentIds } from "@/db/queries/catalog";

import { loadCatalog } from "../support/catalog";
import * as schema from "@/db/schema";
import {
  countByLevel,
  countLabel,
  countPhrase,
  FACETS,
  listCommitments,
  listQuerySchema,
  selectedValue,
  shownFacetValues,
  queryString,
  rawQuery,
} from "@/lib/commitment-list";
import { freshness } from "@/lib/freshness";

import { createTempDb, type TempDb } from "../support/temp-db";

const TODAY = "2026-11-29";
let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

function list(params: Record<string, string>, pageSize = 100) {
  const query = listQuerySchema(TODAY).parse(params);
  const ids = query.q ? searchCommitmentIds(t.db, query.q) : null;
  return listCommitments(loadCatalog(t.db), query, TODAY, ids, pageSize);
}

describe("filters", () => {
  it("lists all 17 commitments in agreement order by default", () => {
    const result = list({});
    expect(result.total).toEqual({ commitments: 17, milestones: 0 });
    expect(result.rows.map((r) => r.ref)).toEqual(Array.from({ length: 17 }, (_, i) => String(i + 1)));
  });

  it.each([
    [{ status: "fulfilled" }, ["1", "6", "17"]],
    [{ theme: "trade" }, ["6", "7", "8"]],
    [{ party: "my" }, Array.from({ length: 17 }, (_, i) => String(i + 1))],
    [{ strength: "exploratory" }, ["4"]],
    [{ overdue: "1" }, ["16"]],
    [{ owner: "Both governments" }, ["1", "5", "7", "8", "10", "11", "13", "15", "16", "17"]],
    [{ status: "in_progress", theme: "Energy and climate" }, ["11", "12"]],
    [{ agreement: "kr-my-strategic-partnership-2024", status: "not_assessed", theme: "Culture" }, ["16"]],
  ])("%j", (params, refs) => {
    expect(list(params).rows.map((r) => r.ref)).toEqual(refs);
  });

  it("finds text in titles, quotes, notes and evidence titles", () => {
    expect(list({ q: "bioeconomy" }).rows.map((r) => r.ref)).toEqual(["7"]);
    expect(list({ q: "Kuala Lumpur" }).rows.map((r) => r.ref)).toEqual(["2", "4", "6", "17"]);
    expect(list({ q: "phone call" }).rows.map((r) => r.ref)).toEqual(["2", "6"]);
    expect(list({ q: "Bernama" }).rows).toEqual([]);
    expect(list({ q: "concluded" }).rows.map((r) => r.ref)).toEqual(["6"]);
  });

  it("finds CO₂ whether typed co2, CO2 or CO₂", () => {
    for (const q of ["co2", "CO2", "CO₂", "co₂ transport"])
      expect(
        list({ q }).rows.map((r) => r.ref),
        q,
      ).toEqual(["11"]);
    expect(list({ q: "co3" }).rows).toEqual([]);
  });

  it("finds a milestone and counts it apart", () => {
    const agreementId = t.db.select().from(schema.agreements).get()?.id ?? 0;
    const parentId = t.db.select().from(schema.commitments).where(eq(schema.commitments.ref, "10")).get()?.id ?? 0;
    t.db
      .insert(schema.commitments)
      .values({
        agreementId,
        parentId,
        ref: "10.1",
        title: "Lithium refinery feasibility study",
        theme: "Critical minerals",
      })
      .run();
    const found = list({ q: "lithium" });
    expect(found.rows.map((r) => [r.ref, r.level])).toEqual([["10.1", "milestone"]]);
    expect(found.total).toEqual({ commitments: 0, milestones: 1 });
    expect(list({}).total).toEqual({ commitments: 17, milestones: 1 });
    expect(list({ theme: "Critical minerals" }).total).toEqual({ commitments: 1, milestones: 1 });
  });
});

describe("counts", () => {
  it("gives for every filter value the number of rows that filter returns", () => {
    const bases: Record<string, string>[] = [
      {},
      { status: "in_progress" },
      { theme: "Trade", overdue: "0" },
      { q: "agreement" },
    ];
    for (const base of bases) {
      const result = list(base);
      for (const facet of FACETS) {
        for (const [value, count] of result.facets[facet]) {
          const chosen = list({ ...base, [facet]: value });
          expect(chosen.total, `${JSON.stringify(base)} + ${facet}=${value}`).toEqual(count);
        }
      }
    }
  });

  it("puts the counting rule in words the same way everywhere", () => {
    const rows = [{ level: "commitment" }, { level: "milestone" }, { level: "milestone" }] as const;
    expect(countByLevel(rows)).toEqual({ commitments: 1, milestones: 2 });
    expect(countLabel(countByLevel(rows))).toBe("1 + 2 milestones");
    expect(countLabel({ commitments: 3, milestones: 0 })).toBe("3");
    expect(countLabel(undefined)).toBe("0");
    expect(countPhrase(countByLevel(rows))).toBe("1 commitment and 2 milestones");
    expect(countPhrase({ commitments: 0, milestones: 1 })).toBe("0 commitments and 1 milestone");
    expect(countPhrase({ commitments: 4, milestones: 0 })).toBe("4 commitments");
  });

  it("counts parties per row owed", () => {
    expect(list({}).facets.party.get("MY")).toEqual({ commitments: 17, milestones: 0 });
    expect(list({}).facets.party.get("KR")).toEqual({ commitments: 16, milestones: 0 });
  });
});

describe("as of a date", () => {
  it("shows the status as it stood, from the history", () => {
    const fta = (asOf: string) => list({ asOf }).rows.find((r) => r.ref === "6")?.status;
    expect(fta("2025-06-22")).toBe("not_assessed");
    expect(fta("2025-06-23")).toBe("in_progress");
    expect(fta("2025-08-17")).toBe("in_progress");
    expect(fta("2025-08-18")).toBe("fulfilled");
    expect(list({ asOf: "2024-11-24" }).rows).toEqual([]);
    expect(list({ asOf: "2025-11-25", status: "fulfilled" }).rows.map((r) => r.ref)).toEqual(["1", "6", "17"]);
    expect(list({ asOf: "2025-06-30", status: "fulfilled" }).rows.map((r) => r.ref)).toEqual(["1"]);
  });

  it("judges overdue on the as-of date", () => {
    expect(list({ asOf: "2025-12-31", overdue: "1" }).rows).toEqual([]);
    expect(list({ asOf: "2026-01-01", overdue: "1" }).rows.map((r) => r.ref)).toEqual(["16"]);
  });
});

describe("query parameters", () => {
  it("names the field of a bad parameter", () => {
    const bad = listQuerySchema(TODAY).safeParse({ status: "done", page: "0", asOf: "2030-01-01", sort: "random" });
    expect(bad.success).toBe(false);
    const fields = bad.error?.issues.map((i) => i.path.join("."));
    expect(fields?.sort()).toEqual(["asOf", "page", "sort", "status"]);
  });

  it("asks for a letter or digit in a search, and says one bad date once", () => {
    for (const q of ["*", "  ?! ", '"']) {
      const bad = listQuerySchema(TODAY).safeParse({ q });
      expect(
        bad.error?.issues.map((i) => [i.path.join("."), i.message]),
        q,
      ).toEqual([["q", "Search for words: use at least one letter or digit"]]);
    }
    expect(listQuerySchema(TODAY).safeParse({ q: "CO₂" }).success).toBe(true);
    expect(listQuerySchema(TODAY).safeParse({ q: "한국" }).success).toBe(true);
    expect(listQuerySchema(TODAY).safeParse({ asOf: "garbage" }).error?.issues).toHaveLength(1);
  });

  it("keeps filters in the query string, dropping defaults and resetting the page", () => {
    expect(queryString({ status: "stalled", sort: "agreement", page: 3 }, { theme: "Trade" })).toBe(
      "?status=stalled&theme=Trade",
    );
    expect(queryString({ status: "stalled" }, { status: undefined })).toBe("");
    expect(rawQuery({ a: ["x", "y"], b: "", c: undefined, d: "z" })).toEqual({ a: "x", d: "z" });
  });

  it("paginates", () => {
    const page2 = listCommitments(loadCatalog(t.db), listQuerySchema(TODAY).parse({ page: "2" }), TODAY, null, 5);
    expect(page2.rows.map((r) => r.ref)).toEqual(["6", "7", "8", "9", "10"]);
    expect(page2.pages).toBe(4);
  });
});

describe("freshness", () => {
  it("counts days since the last update, or since the agreement, and flags stale open commitments", () => {
    expect(
      freshness({ status: "in_progress", lastUpdatedOn: "2026-06-01", agreementSignedOn: "2024-11-25" }, TODAY),
    ).toEqual({
      since: "2026-06-01",
      days: 181,
      neverUpdated: false,
      sinceAdded: false,
      stale: true,
    });
    expect(freshness({ status: "fulfilled", lastUpdatedOn: "2025-01-01", agreementSignedOn: null }, TODAY).stale).toBe(
      false,
    );
    expect(
      freshness({ status: "in_progress", lastUpdatedOn: "2026-06-02", agreementSignedOn: null }, TODAY).stale,
    ).toBe(false);
    expect(
      freshness({ status: "not_assessed", lastUpdatedOn: null, agreementSignedOn: "2024-11-25" }, TODAY),
    ).toMatchObject({
      since: "2024-11-25",
      neverUpdated: true,
      stale: true,
    });
  });

  it("counts a row added later from the day it was added, not from the agreement", () => {
    const added = { status: "not_assessed" as const, lastUpdatedOn: null, agreementSignedOn: "2024-11-25" };
    expect(freshness({ ...added, addedOn: "2026-11-29" }, TODAY)).toEqual({
      since: "2026-11-29",
      days: 0,
      neverUpdated: true,
      sinceAdded: true,
      stale: false,
    });
    // A later status update wins; a day before the agreement does not count.
    expect(freshness({ ...added, lastUpdatedOn: "2026-01-10", addedOn: "2026-11-29" }, TODAY).since).toBe("2026-01-10");
    expect(freshness({ ...added, addedOn: "2024-01-01" }, TODAY)).toMatchObject({
      since: "2024-11-25",
      sinceAdded: false,
    });
  });
});

describe("deadline groups", () => {
  it("splits open rows into overdue, next 90 days, later and no date, by month", async () => {
    const { groupDeadlines } = await import("@/lib/deadline-groups");
    const rows = [
      { id: 1, status: "in_progress" as const, targetDate: "2026-10-31" },
      { id: 2, status: "not_assessed" as const, targetDate: "2026-11-28" },
      { id: 3, status: "in_progress" as const, targetDate: "2026-11-29" },
      { id: 4, status: "stalled" as const, targetDate: "2027-02-27" },
      { id: 5, status: "in_progress" as const, targetDate: "2027-02-28" },
      { id: 6, status: "fulfilled" as const, targetDate: "2026-01-01" },
      { id: 7, status: "in_progress" as const, targetDate: null },
    ];
    const g = groupDeadlines(rows, "2026-11-29");
    expect(g.overdue.map((m) => [m.month, m.rows.map((r) => r.id)])).toEqual([
      ["2026-11", [2]],
      ["2026-10", [1]],
    ]);
    expect(g.soon.map((m) => [m.month, m.rows.map((r) => r.id)])).toEqual([
      ["2026-11", [3]],
      ["2027-02", [4]],
    ]);
    expect(g.later.map((m) => m.rows.map((r) => r.id))).toEqual([[5]]);
    expect(g.noDate.map((r) => r.id)).toEqual([7]);
  });
});

describe("shownFacetValues", () => {
  const counts = (entries: [string, number, number][]) =>
    new Map(entries.map(([v, commitments, milestones]) => [v, { commitments, milestones }]));

  it("offers the values with the most rows, sorted by value, and counts the rest", () => {
    const map = counts([
      ["Tourism", 1, 0],
      ["Trade", 5, 2],
      ["Defence", 3, 0],
      ["Energy", 3, 1],
      ["Culture", 2, 0],
    ]);
    expect(shownFacetValues(map, undefined, 3)).toEqual({ values: ["Defence", "Energy", "Trade"], hidden: 2 });
    expect(shownFacetValues(map, undefined, 10)).toEqual({
      values: ["Culture", "Defence", "Energy", "Tourism", "Trade"],
      hidden: 0,
    });
  });

  it("always offers the chosen value, matched without regard to case, once", () => {
    const map = counts([
      ["A", 9, 0],
      ["B", 8, 0],
      ["c", 1, 0],
    ]);
    expect(shownFacetValues(map, "C", 2)).toEqual({ values: ["A", "B", "c"], hidden: 0 });
    expect(shownFacetValues(map, "a", 2)).toEqual({ values: ["A", "B"], hidden: 1 });
    // A chosen value no row has any more is still offered, so the form shows what is applied.
    expect(shownFacetValues(map, "Gone", 2)).toEqual({ values: ["A", "B", "Gone"], hidden: 1 });
  });

  it("breaks a tie at the cut by value, in the collator's order (accents and case as a reader sorts)", () => {
    const map = counts([
      ["zeta", 2, 0],
      ["Énergie", 2, 0],
      ["beta", 2, 0],
      ["Alpha", 2, 0],
      ["top", 5, 0],
      ["one", 1, 0],
    ]);
    // Above the cut: "top"; at it (2 rows), the first two by value: "Alpha", "beta" (not "zeta", and
    // "Énergie" after "beta" as the collator orders it, where code points would put it last).
    expect(shownFacetValues(map, undefined, 3)).toEqual({ values: ["Alpha", "beta", "top"], hidden: 3 });
    expect(shownFacetValues(map, undefined, 4)).toEqual({ values: ["Alpha", "beta", "Énergie", "top"], hidden: 2 });
    expect(shownFacetValues(map, "ONE", 2)).toEqual({ values: ["Alpha", "one", "top"], hidden: 3 });
  });

  it("selects the offered spelling of a value chosen in another case", () => {
    expect(selectedValue(["A", "B", "c"], "C")).toBe("c");
    expect(selectedValue(["Trade", "trade"], "trade")).toBe("trade");
    expect(selectedValue(["Energy", "Trade"], "TRADE")).toBe("Trade");
    expect(selectedValue(["Énergie"], "énergie")).toBe("énergie");
    expect(selectedValue(["A"], undefined)).toBe("");
  });
});
