/**
 * The deadlines page's bounded groups (issue 9): each group shows its first 50 rows with a link to
 * the rest, paged as /deadlines?group=…&page=…, on a database with more overdue rows than a group
 * shows — 70 commitments and 6 milestones of an agreement written here straight into the e2e
 * database through the real tables and triggers, all overdue since 2019 (the oldest overdue rows,
 * so they close the group's last page). Runs after the specs that count the default dataset's
 * deadlines.
 */
import { expect, type Page, test } from "@playwright/test";
import Database from "better-sqlite3";

import { e2eDatabaseFile } from "../support/e2e-database";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const SLUG = "deadline-paging-test";

test.describe.configure({ mode: "serial" });

/** Open live rows overdue on `today` in the e2e database, by level (the page's rule, written out). */
function overdueCounts(): { commitments: number; milestones: number } {
  const db = new Database(e2eDatabaseFile(PORT), { readonly: true });
  try {
    const today = new Date().toISOString().slice(0, 10);
    return db
      .prepare(
        `SELECT sum(parent_id IS NULL) AS commitments, sum(parent_id IS NOT NULL) AS milestones FROM commitments
         WHERE live = 1 AND target_date < ? AND status NOT IN ('partially_fulfilled', 'fulfilled', 'not_fulfilled')`,
      )
      .get(today) as { commitments: number; milestones: number };
  } finally {
    db.close();
  }
}

test.beforeAll(() => {
  const db = new Database(e2eDatabaseFile(PORT));
  db.pragma("busy_timeout = 5000");
  try {
    if (db.prepare("SELECT 1 FROM agreements WHERE slug = ?").get(SLUG)) return;
    db.transaction(() => {
      const { id: agreementId } = db
        .prepare(
          "INSERT INTO agreements (slug, title, kind, signed_on, summary) VALUES (?, 'Deadline paging accord', 'MoU', '2018-03-01', '') RETURNING id",
        )
        .get(SLUG) as { id: number };
      db.prepare("INSERT INTO agreement_parties (agreement_id, party_code) VALUES (?, 'KR'), (?, 'MY')").run(
        agreementId,
        agreementId,
      );
      const add = db.prepare(
        `INSERT INTO commitments (agreement_id, parent_id, ref, position, title, theme, status, target_date, target_precision)
         VALUES (?, ?, ?, ?, ?, 'Trade', 'in_progress', ?, 'day') RETURNING id`,
      );
      for (let i = 1; i <= 70; i++) {
        // Every 5 days from 1 January 2019: pledge 01 is the oldest overdue row of the database.
        const day = new Date(Date.UTC(2019, 0, 1 + (i - 1) * 5)).toISOString().slice(0, 10);
        const title = `Deadline paging pledge ${String(i).padStart(2, "0")}`;
        const { id } = add.get(agreementId, null, String(i), i, title, day) as { id: number };
        if (i <= 6) add.get(agreementId, id, `${i}.1`, 1, `Deadline paging milestone ${i}`, "2020-06-30");
      }
    })();
  } finally {
    db.close();
  }
});

const overdue = (page: Page) => page.getByTestId("deadline-group-overdue");

test.describe("[PUBLIC][DEADLINES] bounded groups", () => {
  test("a group shows its first 50 rows, counts them all, and links to the rest", async ({ page }) => {
    const counts = overdueCounts();
    const total = counts.commitments + counts.milestones;
    expect(total).toBeGreaterThan(75);
    expect(counts.milestones).toBeGreaterThanOrEqual(6);
    const response = await page.goto("/deadlines");
    expect(response?.status()).toBe(200);
    const label = `${counts.commitments} + ${counts.milestones} milestones`;
    await expect(overdue(page).getByRole("heading", { level: 2 })).toHaveText(`Overdue (${label})`);
    await expect(page.getByRole("navigation", { name: "On this page" })).toContainText(`Overdue (${label})`);
    await expect(overdue(page).getByTestId("deadline-row")).toHaveCount(50);
    await expect(overdue(page).getByTestId("deadline-shown")).toHaveText(`Showing 1–50 of ${total}, by target date.`);
    // Newest overdue first: the days overdue never fall down the page, and 2019 is not on it.
    const days = (await overdue(page).locator('[data-flag="overdue"]').allTextContents()).map((t) =>
      Number(/Overdue by (\d+) day/.exec(t)?.[1]),
    );
    expect(days).toHaveLength(50);
    expect(days.every((d, i) => Number.isFinite(d) && (i === 0 || d >= (days[i - 1] ?? 0)))).toBe(true);
    await expect(overdue(page)).toContainText("65th anniversary");
    await expect(overdue(page)).not.toContainText("Deadline paging pledge 01");
    const more = overdue(page).getByTestId("deadline-more");
    await expect(more).toHaveAttribute("href", "/deadlines?group=overdue&page=2");
    await expect(more).toHaveText(`The next ${Math.min(50, total - 50)} of ${total - 50} more overdue →`);
    // The other groups are short: no link.
    await expect(page.getByTestId("deadline-group-soon").getByTestId("deadline-more")).toHaveCount(0);
  });

  test("pages through one group, 50 rows a page, to its oldest row", async ({ page }) => {
    const counts = overdueCounts();
    const total = counts.commitments + counts.milestones;
    const pages = Math.ceil(total / 50);
    await page.goto("/deadlines");
    await overdue(page).getByTestId("deadline-more").click();
    await expect(page).toHaveURL(/\/deadlines\?group=overdue&page=2$/);
    const seen = new Set<string>();
    for (let p = 2; p <= pages; p++) {
      await page.goto(`/deadlines?group=overdue&page=${p}`);
      await expect(page.getByTestId("pager")).toContainText(`Page ${p} of ${pages}`);
      const rows = overdue(page).getByTestId("deadline-row");
      await expect(rows).toHaveCount(p < pages ? 50 : total - 50 * (pages - 1));
      for (const href of await rows.getByRole("link").evaluateAll((as) => as.map((a) => a.getAttribute("href"))))
        seen.add(String(href));
      // Only the overdue group on these pages.
      await expect(page.getByTestId("deadline-group-soon")).toHaveCount(0);
    }
    expect(seen.size).toBe(total - 50);
    // The last page ends with the oldest row, under its month.
    const last = overdue(page).getByTestId("deadline-row").last();
    await expect(last).toContainText("Deadline paging pledge 01");
    await expect(overdue(page).getByRole("heading", { level: 3 }).last()).toHaveText("January 2019");
    await expect(page.getByTestId("pager").getByRole("link", { name: "← Previous" })).toHaveAttribute(
      "href",
      pages - 1 > 1 ? `/deadlines?group=overdue&page=${pages - 1}` : "/deadlines?group=overdue",
    );
    await page.getByRole("link", { name: "All groups" }).click();
    await expect(page).toHaveURL(/\/deadlines$/);
  });

  test("bad parameters are named and left out, a page past the last says so, never a 5xx", async ({ page }) => {
    const bad = await page.goto("/deadlines?group=someday&page=0");
    expect(bad?.status()).toBe(200);
    const errors = page.getByTestId("query-errors");
    await expect(errors).toContainText("group: Use one of: overdue, soon, later, no-date");
    await expect(errors).toContainText("page: Use a whole page number from 1 to 999999");
    // Left out: the overview of every group.
    await expect(page.getByTestId("deadline-group-later")).toBeVisible();
    const past = await page.goto("/deadlines?group=overdue&page=9999");
    expect(past?.status()).toBe(200);
    const pages = Math.ceil((overdueCounts().commitments + overdueCounts().milestones) / 50);
    await expect(page.getByTestId("page-note")).toHaveText(
      `There is no page 9999: there are ${pages} pages, so this is page ${pages}.`,
    );
    await expect(overdue(page)).toContainText("Deadline paging pledge 01");
    for (const path of [
      "/deadlines?group=",
      "/deadlines?page=2",
      "/deadlines?group=no-date&page=1",
      "/deadlines?group=overdue&page=1e3",
    ]) {
      expect((await page.request.get(path)).status(), path).toBe(200);
    }
  });

  test("works without JavaScript and on a phone", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto("/deadlines");
    await overdue(page).getByTestId("deadline-more").click();
    await expect(page).toHaveURL(/\/deadlines\?group=overdue&page=2$/);
    await expect(overdue(page).getByTestId("deadline-row").first()).toBeVisible();
    await page.getByTestId("pager").getByRole("link", { name: "← Previous" }).click();
    await expect(page).toHaveURL(/\/deadlines\?group=overdue$/);
    await expect(overdue(page).getByTestId("deadline-row")).toHaveCount(50);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });
});
