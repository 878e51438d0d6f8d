/**
 * The /agreements index and the home page's "recently active" list (issue 9, item 2) on 31
 * agreements: the default dataset's one plus 30 written here straight into the e2e database through
 * the real tables and triggers (as an import would), so paging has more than one page.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";

import { e2eDatabaseFile } from "../support/e2e-database";

const PORT = Number(process.env.E2E_PORT ?? 3100);

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  const db = new Database(e2eDatabaseFile(PORT));
  db.pragma("busy_timeout = 5000");
  try {
    if (
      (db.prepare("SELECT count(*) AS n FROM agreements WHERE slug LIKE 'index-test-%'").get() as { n: number }).n > 0
    )
      return;
    db.transaction(() => {
      db.prepare("INSERT OR IGNORE INTO parties (code, name) VALUES ('JP', 'Japan')").run();
      const agreement = db.prepare(
        "INSERT INTO agreements (slug, title, kind, signed_on, summary) VALUES (?, ?, ?, ?, ?) RETURNING id",
      );
      const party = db.prepare("INSERT INTO agreement_parties (agreement_id, party_code) VALUES (?, ?)");
      const commitment = db.prepare(
        "INSERT INTO commitments (agreement_id, ref, position, title, theme, status) VALUES (?, '1', 1, ?, 'Trade', 'in_progress') RETURNING id",
      );
      const update = db.prepare(
        "INSERT INTO status_updates (commitment_id, status_to, happened_on) VALUES (?, 'in_progress', ?)",
      );
      for (let i = 1; i <= 30; i++) {
        const n = String(i).padStart(2, "0");
        const { id } = agreement.get(
          `index-test-${n}`,
          `Index test accord ${n}${i === 7 ? " on 100% tariffs" : ""}`,
          i % 2 ? "MoU" : "treaty",
          `${i <= 10 ? 2019 : 2021}-01-${n}`,
          i === 12 ? "A summary about hydrogen." : "",
        ) as { id: number };
        party.run(id, "JP");
        party.run(id, i % 3 ? "KR" : "MY");
        const c = commitment.get(id, `Index test pledge ${n}`) as { id: number };
        // Agreement 25 has the latest update of all; the others are older than the default dataset's (Nov 2025).
        update.run(c.id, i === 25 ? "2026-01-15" : `2025-01-${n}`);
      }
    })();
  } finally {
    db.close();
  }
});

test.describe("[PUBLIC][AGREEMENTS]", () => {
  test("the home page shows the six most recently active agreements and links to all of them", async ({ page }) => {
    await page.goto("/agreements");
    const total = (await page.getByTestId("list-summary").textContent()) ?? "";
    const latest = await page.getByTestId("agreement-row").first().getByRole("link").first().textContent();
    expect(Number(total.split(" ")[0])).toBeGreaterThanOrEqual(31);
    await page.goto("/");
    const cards = page.getByTestId("agreement-card");
    await expect(cards).toHaveCount(6);
    await expect(cards.first().getByRole("heading", { level: 3 })).toHaveText(latest ?? "");
    await expect(page.getByRole("heading", { name: "Recently active agreements" })).toBeVisible();
    await expect(page.getByTestId("all-agreements")).toHaveText(`All ${total}`);
    await page.getByTestId("all-agreements").click();
    await expect(page).toHaveURL(/\/agreements$/);
  });

  test("pages 25 at a time, most recently active first, and says when a page is past the last", async ({ page }) => {
    const response = await page.goto("/agreements?q=Index+test");
    expect(response?.status()).toBe(200);
    const rows = page.getByTestId("agreement-row");
    await expect(page.getByTestId("list-summary")).toHaveText("30 agreements");
    await expect(rows).toHaveCount(25);
    await expect(rows.first()).toContainText("Index test accord 25");
    await expect(rows.first()).toContainText("1 commitment");
    await expect(rows.first()).toContainText("15 Jan 2026");
    await expect(page.getByTestId("pager")).toContainText("Page 1 of 2");
    await page.getByTestId("pager").getByRole("link", { name: "Next →" }).click();
    await expect(page).toHaveURL(/\/agreements\?q=Index\+test&page=2$/);
    await expect(rows).toHaveCount(5);
    await page.goto("/agreements?q=Index+test&page=9");
    await expect(page.getByTestId("page-note")).toHaveText("There is no page 9: there are 2 pages, so this is page 2.");
    await expect(rows).toHaveCount(5);
  });

  test("the default agreement's row shows its counts apart and its status summary", async ({ page, request }) => {
    // Earlier specs add commitments to it: the row must agree with the agreement's own API record.
    const slug = "kr-my-strategic-partnership-2024";
    const record = (await (await request.get(`/api/v1/agreements/${slug}`)).json()) as {
      commitments: number;
      milestones: number;
      statusCounts: Record<string, number>;
    };
    await page.goto("/agreements?q=Malaysia");
    const row = page.getByTestId("agreement-row");
    await expect(row).toHaveCount(1);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    await expect(row.getByTestId("agreement-counts")).toHaveText(
      plural(record.commitments, "commitment") +
        (record.milestones > 0 ? ` and ${plural(record.milestones, "milestone")}` : ""),
    );
    const fulfilled = row.locator(`a[href="/commitments?agreement=${slug}&level=commitment&status=fulfilled"]`);
    await expect(fulfilled).toHaveText(String(record.statusCounts.fulfilled));
    expect(record.statusCounts.fulfilled).toBeGreaterThan(0);
  });

  test("filters by party, kind, year and words without JavaScript, with counts per value", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/agreements");
    await expect(page.locator("#f-party option", { hasText: "Japan (30)" })).toHaveCount(1);
    await page.locator("#f-party").selectOption("JP");
    await page.locator("#f-kind").selectOption("treaty");
    await page.locator("#f-year").selectOption("2019");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/\/agreements\?q=&party=JP&kind=treaty&year=2019&sort=active$/);
    await expect(page.getByTestId("list-summary")).toHaveText("5 agreements");
    await expect(page.getByTestId("agreement-row")).toHaveCount(5);
    // Counts are of the other filters kept: 2019's MoUs among Japan's agreements.
    await expect(page.locator("#f-kind option", { hasText: "MoU (5)" })).toHaveCount(1);
    await page.goto("/agreements?q=hydrogen");
    await expect(page.getByTestId("agreement-row")).toHaveCount(1);
    await expect(page.getByTestId("agreement-row")).toContainText("Index test accord 12");
    // % is a character, not a wildcard.
    await page.goto("/agreements?q=100%25");
    await expect(page.getByTestId("agreement-row")).toHaveCount(1);
    await page.goto("/agreements?q=0%25");
    await expect(page.getByTestId("agreement-row")).toHaveCount(1);
    await page.goto("/agreements?q=index%25accord");
    await expect(page.getByTestId("no-results")).toBeVisible();
    await context.close();
  });

  test("sorts by title and by signing date", async ({ page }) => {
    await page.goto("/agreements?sort=title&q=Index+test");
    await expect(page.getByTestId("agreement-row").first()).toContainText("Index test accord 01");
    await page.goto("/agreements?sort=signed&q=Index+test");
    await expect(page.getByTestId("agreement-row").first()).toContainText("Index test accord 30");
  });

  test("names bad parameters and keeps the good ones", async ({ page }) => {
    const response = await page.goto("/agreements?year=19x&sort=name&party=jp&page=0");
    expect(response?.status()).toBe(200);
    const errors = page.getByTestId("query-errors");
    await expect(errors).toContainText("year: Use a year of four digits, such as 2024");
    await expect(errors).toContainText("sort: Use one of: active, signed, title");
    await expect(errors).toContainText("page: Use a page number from 1");
    await expect(page.getByTestId("list-summary")).toHaveText("30 agreements");
    const api = await page.request.get("/api/v1/agreements?year=19x");
    expect(api.status()).toBe(400);
    expect((await api.json()).error.fields.year).toEqual(["Use a year of four digits, such as 2024"]);
  });

  test("the API pages and filters like the page", async ({ request }) => {
    const first = await (await request.get("/api/v1/agreements?q=Index+test")).json();
    expect(first.meta).toEqual({ total: 30, page: 1, pages: 2, pageSize: 25, requestedPage: 1, pastLastPage: false });
    expect(first.data).toHaveLength(25);
    expect(first.links.next).toMatch(/\/api\/v1\/agreements\?q=Index\+test&page=2$/);
    const second = await (await request.get(first.links.next)).json();
    expect(second.data).toHaveLength(5);
    expect(second.links.next).toBeNull();
    // Past the last page: the last page, and the meta says so.
    const past = await (await request.get("/api/v1/agreements?q=Index+test&page=9")).json();
    expect(past.meta).toEqual({ total: 30, page: 2, pages: 2, pageSize: 25, requestedPage: 9, pastLastPage: true });
    expect(past.data).toHaveLength(5);
    const jp = await (await request.get("/api/v1/agreements?party=JP&kind=MoU&year=2021")).json();
    expect(jp.meta.total).toBe(10);
  });

  test("works from the keyboard: search, then the next page", async ({ page }) => {
    await page.goto("/agreements");
    await page.locator("#q").focus();
    await page.keyboard.type("Index test");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/q=Index\+test/);
    await expect(page.getByTestId("list-summary")).toHaveText("30 agreements");
    const next = page.getByTestId("pager").getByRole("link", { name: "Next →" });
    await next.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByTestId("agreement-row")).toHaveCount(5);
  });

  test("fits a 390 px phone without sideways scrolling", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    for (const path of ["/agreements", "/agreements?party=JP&sort=title", "/"]) {
      await page.goto(path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(390);
    }
    await context.close();
  });

  test("has no serious or critical axe violations", async ({ page }) => {
    for (const path of ["/agreements", "/agreements?year=19x", "/agreements?q=nothing+matches+this"]) {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(bad.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    }
  });
});
