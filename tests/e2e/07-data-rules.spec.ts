/**
 * Data rules of issue 8 (defects 7–12) through the real pages, API, CSV and feeds. Runs after the
 * other specs (it writes data); it restores what it deletes.
 */
import { expect, type Page, test } from "@playwright/test";

import { E2E_ADMIN } from "../support/e2e-accounts";
import { commitmentIdByTitle, fillEvidence, signIn } from "./helpers";

const SLUG = "kr-my-strategic-partnership-2024";
const PARENT = "Grow bilateral trade and investment";
const MILESTONE = "E2E milestone: exchange trade statistics";

async function agreementRecord(page: Page) {
  const response = await page.request.get(`/api/v1/agreements/${SLUG}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { commitments: number; milestones: number };
}

test.describe("[DATA][RULES]", () => {
  test("a deleted commitment's milestones leave the latest updates, feeds and counts; an unchanged save writes nothing", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const parentId = await commitmentIdByTitle(page, PARENT);
    const before = await agreementRecord(page);
    await signIn(page, E2E_ADMIN, `/admin/commitments/${parentId}`);
    await page.getByRole("link", { name: "Add a milestone" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("New commitment");
    await expect(page.getByLabel("Milestone of")).toHaveValue(String(parentId));
    await page.getByLabel("Number").fill("8.1");
    await page.getByLabel("Title").fill(MILESTONE);
    await page.getByLabel("Theme").fill("Trade");
    await page.getByRole("button", { name: "Create commitment" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Commitment created.");
    const milestoneUrl = page.url();
    const milestoneId = Number(new URL(milestoneUrl).pathname.split("/").pop());

    // A parent typed by id (for one past the select's 50 choices) is the one saved; one of another
    // agreement or the commitment itself is refused, naming the field.
    await page.getByLabel("Or the parent's id").fill(String(milestoneId));
    await page.getByRole("button", { name: "Save commitment" }).click();
    await expect(page.getByText("A commitment cannot be its own milestone")).toBeVisible();
    await page.goto(milestoneUrl);
    await page.getByLabel("Or the parent's id").fill(String(parentId));

    // Saving the form as it is: nothing is written, and the page says so.
    await page.getByRole("button", { name: "Save commitment" }).click();
    await expect(page.getByTestId("notice")).toHaveText("No changes to save.");
    await page.goto("/admin/audit?entity=commitment");
    await expect(page.getByTestId("audit-row").first()).toContainText("commitment.create");

    await page.goto(`/staff/commitments/${milestoneId}`);
    await page.getByLabel("New status").selectOption("in_progress");
    await page.getByLabel("Date it happened").fill("2026-11-30");
    await page.getByLabel("Note").fill("Statistics offices agreed a first exchange.");
    await fillEvidence(page, { title: "Statistics MoU", url: "https://example.org/stats", kind: "official" });
    await page.getByRole("button", { name: "Post status update" }).click();
    await expect(page.getByTestId("notice")).toContainText("Status update posted");

    await page.goto("/");
    await expect(page.getByTestId("latest-updates")).toContainText(MILESTONE);
    expect(await agreementRecord(page)).toMatchObject({ milestones: before.milestones + 1 });
    await page.goto(`/commitments/${parentId}`);
    await expect(page.getByRole("link", { name: `8.1. ${MILESTONE}` })).toBeVisible();

    // Delete the parent: the milestone and its update leave every surface.
    await page.goto(`/admin/commitments/${parentId}`);
    await page.getByText("Delete this commitment…").click();
    await page.getByRole("button", { name: "Yes, delete this commitment" }).click();
    await expect(page.getByTestId("notice")).toContainText("Commitment deleted");

    await page.goto("/");
    await expect(page.getByTestId("latest-updates")).not.toContainText(MILESTONE);
    const card = page.getByTestId("agreement-card").filter({ hasText: "Strategic Partnership between" });
    await expect(card).toContainText(`${before.commitments - 1} commitments`);
    expect(await agreementRecord(page)).toMatchObject({
      commitments: before.commitments - 1,
      milestones: before.milestones,
    });
    for (const feed of ["/feed.xml", `/agreements/${SLUG}/feed.xml`]) {
      const xml = await (await page.request.get(feed)).text();
      expect(xml).not.toContain(MILESTONE);
      expect(xml).not.toContain(`/commitments/${milestoneId}`);
    }
    await page.goto(`/agreements/${SLUG}`);
    await expect(page.getByTestId("progress-summary")).toContainText(`${before.commitments - 1} commitments`);
    expect((await page.goto(`/commitments/${milestoneId}`))?.status()).toBe(404);

    // Restore: it all comes back.
    await page.goto(`/admin/commitments/${parentId}`);
    await page.getByRole("button", { name: "Restore this commitment" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Commitment restored.");
    await page.goto("/");
    await expect(page.getByTestId("latest-updates")).toContainText(MILESTONE);
    expect(await agreementRecord(page)).toEqual(
      expect.objectContaining({ commitments: before.commitments, milestones: before.milestones + 1 }),
    );
  });

  test("a target date before the signing and a signing date in the future are refused, naming both dates", async ({
    page,
  }) => {
    const id = await commitmentIdByTitle(
      page,
      "Broaden cultural, academic and people-to-people exchanges and mark the 65th anniversary",
    );
    await signIn(page, E2E_ADMIN, `/admin/commitments/${id}`);
    await page.getByLabel("Target date").fill("2024-01-01");
    await page.getByLabel("Precision").selectOption("day");
    await page.getByRole("button", { name: "Save commitment" }).click();
    await expect(page.getByTestId("error-targetDate")).toHaveText(
      "Target date 2024-01-01 is before the agreement was signed (2024-11-25)",
    );

    await page.goto("/admin/agreements");
    await page.getByRole("link", { name: /Strategic Partnership between/ }).click();
    await expect(page.getByLabel("Signed or announced on")).toHaveValue("2024-11-25");
    // Saved as it is: nothing to save, and said so.
    await page.getByRole("button", { name: "Save agreement" }).click();
    await expect(page.getByTestId("notice")).toHaveText("No changes to save.");
    await page.getByLabel("Signed or announced on").fill("2099-01-01");
    await page.getByRole("button", { name: "Save agreement" }).click();
    await expect(page.getByTestId("error-signedOn")).toContainText("Signing date 2099-01-01 is after today (");
    await page.getByLabel("Signed or announced on").fill("2025-01-01");
    await page.getByRole("button", { name: "Save agreement" }).click();
    await expect(page.getByTestId("error-signedOn")).toHaveText(
      "Signing date 2025-01-01 is after the agreement's earliest status update (2024-11-25)",
    );
  });

  test("setting a target date does not make a stale commitment look freshly assessed", async ({ page }) => {
    const title = "Continue the Look East Policy and open digital and ICT cooperation (5G, AI)";
    const id = await commitmentIdByTitle(page, title);
    await signIn(page, E2E_ADMIN, `/admin/commitments/${id}`);
    await page.getByLabel("Target date").fill("2027-06-30");
    await page.getByLabel("Precision").selectOption("day");
    await page.getByRole("button", { name: "Save commitment" }).click();
    await expect(page.getByTestId("notice")).toHaveText(
      "Commitment saved. The moved target date is on its public timeline.",
    );
    await page.goto(`/commitments/${id}`);
    await expect(page.getByTestId("timeline-entry").first()).toContainText("Target moved from none to 30 Jun 2027");
    await expect(page.getByTestId("freshness")).toContainText("No update since the agreement");
    await expect(page.getByTestId("freshness")).toContainText("Stale");
    const api = await (await page.request.get(`/api/v1/commitments/${id}`)).json();
    expect(api).toMatchObject({ lastUpdatedOn: null, stale: true, dueToday: false });
  });

  test("an unknown agreement slug is a bad parameter on the API, the CSV and the list", async ({ page }) => {
    const api = await page.request.get("/api/v1/commitments?agreement=no-such-agreement");
    expect(api.status()).toBe(400);
    const body = await api.json();
    expect(body.error.fields.agreement).toEqual([
      'No agreement has the slug "no-such-agreement": it is unknown or was deleted',
    ]);
    expect((await page.request.get("/commitments.csv?agreement=no-such-agreement")).status()).toBe(400);
    await page.goto("/commitments?agreement=no-such-agreement");
    await expect(page.getByTestId("query-errors")).toContainText(
      'agreement: No agreement has the slug "no-such-agreement": it is unknown or was deleted',
    );
  });
});
