import { expect, type Locator, type Page, test } from "@playwright/test";
import Database from "better-sqlite3";

import { E2E_EDITORS } from "../support/e2e-accounts";
import { e2eDatabaseFile } from "../support/e2e-database";
import { signIn } from "./helpers";

const WIDTH = 390;
const SLUG = "kr-my-strategic-partnership-2024";

/**
 * Every row of `rows` shows all of it within the viewport: nothing of the row reaches past either
 * edge, each status badge shows its whole label with its icon, and the title link, target date
 * and progress (`expect` says which the list has) are there.
 */
async function expectRowsFit(
  page: Page,
  rows: Locator,
  what: string,
  expectParts: { target?: boolean; progress?: boolean } = {},
) {
  const count = await rows.count();
  expect(count, `${what}: rows`).toBeGreaterThan(0);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what}: page width`).toBeLessThanOrEqual(WIDTH);
  const report = await rows.evaluateAll((elements, viewport) => {
    const visible = (e: Element) => {
      const r = e.getBoundingClientRect();
      const style = getComputedStyle(e);
      // Visually hidden text (1 px, clipped) is for screen readers and is not laid out as text.
      return r.width > 1 && r.height > 1 && style.visibility !== "hidden" && style.clip !== "rect(0px, 0px, 0px, 0px)";
    };
    return elements.map((row) => {
      const outside = [...row.querySelectorAll("*")]
        .filter(visible)
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.left < -0.5 || r.right > viewport + 0.5;
        })
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent?.slice(0, 30)}`);
      // A scrolling box around the row would hide part of it sideways.
      let scrolled = "";
      for (let e: Element | null = row; e; e = e.parentElement) {
        if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible") {
          scrolled = `${e.tagName.toLowerCase()}.${e.className}`;
          break;
        }
      }
      const statuses = [...row.querySelectorAll(".status")].map((s) => ({
        text: s.textContent ?? "",
        icon: (s.querySelector(".status__icon")?.textContent ?? "").length,
        clipped: s.scrollWidth > s.clientWidth + 1,
        inside: s.getBoundingClientRect().right <= viewport + 0.5 && s.getBoundingClientRect().left >= -0.5,
      }));
      return {
        text: (row.textContent ?? "").slice(0, 40),
        outside,
        scrolled,
        statuses,
        title: [...row.querySelectorAll("a")].some(visible),
        target: [...row.querySelectorAll("time")].some(visible) || /No target date/.test(row.textContent ?? ""),
        progress: [...row.querySelectorAll(".progress")].some(visible) || /not recorded/.test(row.textContent ?? ""),
      };
    });
  }, WIDTH);
  const labels = ["Not assessed", "Not yet assessed", "Not started", "In progress", "Stalled", "Partially fulfilled"];
  for (const row of report) {
    const where = `${what}: ${row.text}`;
    expect(row.outside, where).toEqual([]);
    expect(row.scrolled, where).toBe("");
    expect(row.title, `${where}: title link`).toBe(true);
    expect(row.statuses.length, `${where}: status`).toBeGreaterThan(0);
    for (const status of row.statuses) {
      expect(status.clipped, `${where}: ${status.text}`).toBe(false);
      expect(status.inside, `${where}: ${status.text}`).toBe(true);
      expect(status.icon, `${where}: ${status.text} has its icon`).toBe(1);
      // The whole label: one of the statuses' full names after the icon.
      expect(
        [...labels, "Fulfilled", "Not fulfilled"].some((l) => status.text.endsWith(l)),
        `${where}: "${status.text}"`,
      ).toBe(true);
    }
    if (expectParts.target) expect(row.target, `${where}: target date`).toBe(true);
    if (expectParts.progress) expect(row.progress, `${where}: progress`).toBe(true);
  }
}

test.describe("[A11Y][PHONE] lists at 390 px", () => {
  test.use({ viewport: { width: WIDTH, height: 844 } });

  test("public lists show each row's title, status, target date and progress without sideways scrolling", async ({
    page,
  }) => {
    const both = { target: true, progress: true };
    await page.goto("/commitments");
    await expectRowsFit(page, page.getByTestId("list-row"), "/commitments", both);
    await page.goto("/commitments?page=2");
    await expectRowsFit(page, page.getByTestId("list-row"), "/commitments page 2", both);
    await page.goto("/commitments?asOf=2025-06-01");
    await expectRowsFit(page, page.getByTestId("list-row"), "/commitments as of", both);

    await page.goto("/compare?from=2024-11-25");
    await expectRowsFit(page, page.getByTestId("change-row"), "/compare", both);
    await page.goto("/compare");
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "/compare default").toBeLessThanOrEqual(
      WIDTH,
    );

    await page.goto("/deadlines");
    await expectRowsFit(page, page.getByTestId("deadline-row"), "/deadlines", { progress: true });

    await page.goto("/agreements/kr-my-strategic-partnership-2024");
    await expectRowsFit(page, page.getByTestId("commitment-row"), "agreement page", both);

    await page.goto("/");
    await expectRowsFit(
      page,
      page.locator('section[aria-labelledby="deadlines-heading"] ul[class="plain-list"] > li'),
      "home: next deadlines and overdue",
      both,
    );
    await expectRowsFit(page, page.getByTestId("latest-updates").locator("> li"), "home: latest updates");
  });

  test("every commitment page fits a phone: long titles and roll-up notes wrap", async ({ page, request }) => {
    // The two cases that once widened the page: a title without spaces, and a parent whose
    // progress comes from 1 of its 2 milestones ("mean of the 1 of its 2 milestones …").
    const db = new Database(e2eDatabaseFile());
    try {
      const agreementId = db.prepare("SELECT id FROM agreements WHERE slug = ?").pluck().get(SLUG) as number;
      const add = db.prepare(
        `INSERT INTO commitments (agreement_id, parent_id, ref, position, title, theme, status, progress)
         VALUES (?, ?, ?, 900, ?, 'Trade', ?, ?)`,
      );
      const long = Number(
        add.run(agreementId, null, "90", `=HYPERLINK("${"x".repeat(80)}")`, "not_assessed", null).lastInsertRowid,
      );
      add.run(agreementId, long, "90.1", "Milestone with progress", "in_progress", 40);
      add.run(agreementId, long, "90.2", "Milestone without progress", "not_started", null);
    } finally {
      db.close();
    }
    // Every commitment and milestone, from the CSV's "Public page" column (no page of the list left out).
    const csv = await (await request.get("/commitments.csv")).text();
    const paths = [...new Set(csv.match(/\/commitments\/\d+(?=[",\r\n])/g) ?? [])];
    expect(paths.length).toBeGreaterThan(17);
    for (const path of paths) {
      await page.goto(path);
      if ((await page.locator("h1").textContent())?.includes("HYPERLINK")) {
        await expect(page.getByTestId("commitment-facts")).toContainText("mean of the 1 of its 2 milestones");
      }
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${path}: page width`).toBeLessThanOrEqual(WIDTH);
    }
  });

  test("the staff list fits a phone too", async ({ browser }) => {
    const context = await browser.newContext({
      viewport: { width: WIDTH, height: 844 },
      // Its own client address, away from other specs' sign-in attempts.
      extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.91" },
    });
    const page = await context.newPage();
    await signIn(page, E2E_EDITORS[0]);
    await expectRowsFit(page, page.getByTestId("staff-commitment"), "/staff", { target: true, progress: true });
    await context.close();
  });
});
