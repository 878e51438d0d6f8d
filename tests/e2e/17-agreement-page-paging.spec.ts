/**
 * The public agreement page of a large agreement (as an import brings one): its commitment table
 * is paged (50 top-level commitments a page, with their milestones), its charts show the 15 owners
 * with the most commitments and say how many more there are, and a page past the last says so.
 * The agreement is written here straight into the e2e database through the real tables and
 * triggers: 120 top-level commitments over three themes and 30 owners, one milestone.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";

import { e2eDatabaseFile } from "../support/e2e-database";
import { E2E_ADMIN } from "../support/e2e-accounts";

import { signIn } from "./helpers";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const SLUG = "paging-test-accord";
const THEMES = ["Trade", "Energy", "Tourism"];

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  const db = new Database(e2eDatabaseFile(PORT));
  db.pragma("busy_timeout = 5000");
  try {
    if ((db.prepare("SELECT count(*) AS n FROM agreements WHERE slug = ?").get(SLUG) as { n: number }).n > 0) return;
    db.transaction(() => {
      const { id } = db
        .prepare(
          "INSERT INTO agreements (slug, title, kind, signed_on, summary) VALUES (?, ?, 'MoU', '2025-03-01', '') RETURNING id",
        )
        .get(SLUG, "Paging test accord") as { id: number };
      db.prepare("INSERT INTO agreement_parties (agreement_id, party_code) VALUES (?, 'KR'), (?, 'MY')").run(id, id);
      const commitment = db.prepare(
        `INSERT INTO commitments (agreement_id, parent_id, ref, position, title, theme, owner, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'not_assessed') RETURNING id`,
      );
      let second = 0;
      for (let i = 1; i <= 120; i++) {
        const row = commitment.get(
          id,
          null,
          String(i),
          i,
          `Paging pledge ${String(i).padStart(3, "0")}`,
          THEMES[i % 3],
          `Ministry ${String(i % 30).padStart(2, "0")}`,
        ) as { id: number };
        if (i === 2) second = row.id;
      }
      commitment.run(id, second, "2.1", 121, "Paging milestone under pledge 002", "Tourism", "Ministry 02");
    })();
  } finally {
    db.close();
  }
});

test.describe("[PUBLIC][AGREEMENT PAGE] a large agreement", () => {
  test.use({ javaScriptEnabled: false });

  test("shows 50 top-level commitments a page, grouped by theme, with a pager that works without JavaScript", async ({
    page,
  }) => {
    await page.goto(`/agreements/${SLUG}`);
    await expect(page.getByTestId("table-range")).toHaveText(/Commitments 1–50 of 120, with their milestones/);
    const rows = page.getByTestId("commitment-row");
    // 50 top-level commitments and the milestone under pledge 002.
    await expect(rows).toHaveCount(51);
    // Themes in the order of their first commitment: Energy (1, 4, …), Tourism (2, 5, …), Trade (3, …);
    // page 1 holds Energy's 40 and Tourism's first 10.
    await expect(page.locator("tr.theme-row th")).toHaveText(["Energy (40)", "Tourism (40)"]);
    await expect(rows.first()).toContainText("Paging pledge 001");
    await page.getByTestId("pager").getByRole("link", { name: "Next →" }).click();
    await expect(page).toHaveURL(new RegExp(`/agreements/${SLUG}\\?page=2`));
    await expect(page.getByTestId("table-range")).toHaveText(/Commitments 51–100 of 120/);
    // Tourism's other 30 and Trade's first 20.
    await expect(page.locator("tr.theme-row th")).toHaveText(["Tourism (40)", "Trade (40)"]);
    await expect(rows).toHaveCount(50);
    await page.getByTestId("pager").getByRole("link", { name: "Next →" }).click();
    await expect(page.getByTestId("table-range")).toHaveText(/Commitments 101–120 of 120/);
    await expect(rows).toHaveCount(20);
    await expect(page.getByTestId("pager")).toContainText("Page 3 of 3");
  });

  test("a milestone is shown under its parent, on its parent's page", async ({ page }) => {
    await page.goto(`/agreements/${SLUG}`);
    const milestone = page.locator("tr.milestone", { hasText: "Paging milestone under pledge 002" });
    await expect(milestone).toHaveCount(1);
    await expect(page.getByTestId("commitment-row").filter({ hasText: "Paging pledge 002" })).toHaveCount(1);
  });

  test("a page number that is not one is named, and page 1 shown", async ({ page }) => {
    await page.goto(`/agreements/${SLUG}?page=two`);
    await expect(page.getByTestId("query-errors")).toContainText("page: Use a page number from 1");
    await expect(page.getByTestId("table-range")).toHaveText(/Commitments 1–50 of 120/);
  });

  test("a page past the last says so and shows the last", async ({ page }) => {
    await page.goto(`/agreements/${SLUG}?page=9`);
    await expect(page.getByTestId("page-note")).toHaveText("There is no page 9: there are 3 pages, so this is page 3.");
    await expect(page.getByTestId("commitment-row")).toHaveCount(20);
  });

  test("the owner chart shows the 15 owners with the most commitments and links to the list for the rest", async ({
    page,
  }) => {
    await page.goto(`/agreements/${SLUG}`);
    await expect(page.getByTestId("more-owners")).toHaveText(
      "Showing the 15 owners with the most commitments; 15 more are in the list.",
    );
    await expect(page.getByTestId("more-owners").getByRole("link", { name: "the list" })).toHaveAttribute(
      "href",
      `/commitments?agreement=${SLUG}&level=commitment`,
    );
    await expect(page.getByTestId("more-themes")).toHaveCount(0);
  });
});

test.describe("[PUBLIC][AGREEMENT PAGE] a large agreement, with JavaScript", () => {
  test("the admin page of the agreement pages its commitments and finds them by words", async ({ page }) => {
    await signIn(page, E2E_ADMIN, "/admin/agreements");
    await page.goto("/admin/agreements?q=paging-test");
    await page.getByRole("link", { name: "Paging test accord" }).click();
    await expect(page.getByRole("heading", { name: "Commitments (121)" })).toBeVisible();
    await expect(page.getByTestId("admin-commitment-row")).toHaveCount(50);
    await expect(page.getByTestId("list-summary")).toHaveText("121 commitments · page 1 of 3");
    await page.getByTestId("pager").getByRole("link", { name: "Next →" }).click();
    await expect(page.getByTestId("admin-commitment-row").first()).toContainText("Paging pledge 051");
    await page.getByLabel("Words in the title or number").fill("pledge 007");
    await page.getByRole("button", { name: "Find" }).click();
    await expect(page.getByTestId("admin-commitment-row")).toHaveCount(1);
    await expect(page.getByTestId("admin-commitment-row")).toContainText("Paging pledge 007");
  });

  test("has no serious accessibility violations and fits a phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/agreements/${SLUG}?page=2`);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    await expect(page.getByTestId("pager").getByRole("link", { name: "Next →" })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});
