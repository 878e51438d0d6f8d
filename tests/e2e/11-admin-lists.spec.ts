/**
 * The staff and admin lists in pages with searches in the URL (issue 9, item 2). Runs after
 * 10-agreement-index (its 30 extra agreements); adds 60 users and 10 commitments straight into the
 * e2e database so that /staff and /admin/users have more than one page.
 */
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";

import { E2E_ADMIN } from "../support/e2e-accounts";
import { e2eDatabaseFile } from "../support/e2e-database";
import { signIn } from "./helpers";

const PORT = Number(process.env.E2E_PORT ?? 3100);

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  const db = new Database(e2eDatabaseFile(PORT));
  db.pragma("busy_timeout = 5000");
  try {
    if ((db.prepare("SELECT count(*) AS n FROM users WHERE email LIKE 'list-user-%'").get() as { n: number }).n > 0)
      return;
    db.transaction(() => {
      const user = db.prepare("INSERT INTO users (email, name, password_hash, role) VALUES (?, ?, 'not a hash', ?)");
      for (let i = 1; i <= 60; i++) {
        user.run(`list-user-${String(i).padStart(2, "0")}@e2e.test`, `Listed user ${i}`, i % 10 ? "editor" : "admin");
      }
      const agreement = db.prepare("SELECT id FROM agreements WHERE slug = 'index-test-01'").get() as
        { id: number } | undefined;
      const id = agreement?.id ?? 1;
      const commitment = db.prepare(
        "INSERT INTO commitments (agreement_id, ref, position, title, theme, status) VALUES (?, ?, ?, ?, 'Trade', 'stalled')",
      );
      for (let i = 2; i <= 11; i++) commitment.run(id, String(i), i, `Paged staff pledge ${i}`);
    })();
  } finally {
    db.close();
  }
});

test.describe("[STAFF][ADMIN][LISTS]", () => {
  test("/staff pages its commitments and finds them by words and status", async ({ page }) => {
    await signIn(page, E2E_ADMIN, "/staff");
    await page.goto("/staff");
    await expect(page.getByTestId("staff-commitment")).toHaveCount(50);
    await expect(page.getByTestId("pager")).toContainText("Page 1 of 2");
    await page.getByTestId("pager").getByRole("link", { name: "Next →" }).click();
    await expect(page).toHaveURL(/\/staff\?page=2$/);
    const second = await page.getByTestId("staff-commitment").count();
    expect(second).toBeGreaterThan(0);
    expect(second).toBeLessThanOrEqual(50);
    await page.getByLabel("Search").fill("Paged staff pledge");
    await page.locator("#f-status").selectOption("stalled");
    await page.getByRole("button", { name: "Find" }).click();
    await expect(page).toHaveURL(/\/staff\?q=Paged\+staff\+pledge&status=stalled$/);
    await expect(page.getByTestId("staff-commitment")).toHaveCount(10);
    await expect(page.getByTestId("list-summary")).toContainText("10 commitments and milestones");
    await expect(page.getByRole("heading", { level: 2, name: "Index test accord 01" })).toBeVisible();
    await page.goto("/staff?status=nope&page=7");
    await expect(page.getByTestId("query-errors")).toContainText("status: Use one of:");
    await expect(page.getByTestId("page-note")).toContainText("There is no page 7");
  });

  test("/admin/users pages users and finds them by words and role", async ({ page }) => {
    await signIn(page, E2E_ADMIN, "/admin/users");
    await page.goto("/admin/users");
    await expect(page.getByTestId("user-row")).toHaveCount(50);
    await expect(page.getByTestId("pager")).toContainText("Page 1 of 2");
    await page.goto("/admin/users?q=list-user-&role=admin");
    await expect(page.getByTestId("user-row")).toHaveCount(6);
    await expect(page.getByTestId("user-row").first()).toContainText("list-user-10@e2e.test");
    await expect(page.getByTestId("list-summary")).toHaveText("6 users");
  });

  test("/admin/agreements finds agreements by words and state", async ({ page }) => {
    await signIn(page, E2E_ADMIN, "/admin/agreements");
    await page.goto("/admin/agreements?q=Index+test+accord+2");
    // 20 and 21–29.
    await expect(page.getByTestId("admin-agreement-row")).toHaveCount(10);
    await page.goto("/admin/agreements?q=index-test-07&state=live");
    await expect(page.getByTestId("admin-agreement-row")).toHaveCount(1);
    await expect(page.getByTestId("admin-agreement-row")).toContainText("1");
    await page.goto("/admin/agreements?state=gone");
    await expect(page.getByTestId("query-errors")).toContainText("state: Use live or deleted");
  });

  test("the audit log filters by action and entity, keeping the filters on its pages", async ({ page }) => {
    await signIn(page, E2E_ADMIN, "/admin/audit");
    await page.goto("/admin/audit");
    await page.locator("#action").selectOption("user.create");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/action=user\.create/);
    const rows = page.getByTestId("audit-row");
    expect(await rows.count()).toBeGreaterThan(0);
    for (const text of await rows.locator("td:nth-child(3) code").allTextContents()) expect(text).toBe("user.create");
    await page.goto("/admin/audit?entity=user&entityId=1");
    for (const text of await rows.locator("td:nth-child(4)").allTextContents()) expect(text).toContain("user 1");
  });
});
