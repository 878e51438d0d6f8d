import { expect, test } from "@playwright/test";

import { E2E_ADMIN } from "../support/e2e-accounts";
import { signIn } from "./helpers";

test.describe("[ADMIN][AGREEMENTS]", () => {
  test("an admin creates an agreement and a commitment, moves its target, adds a milestone, deletes and restores it", async ({
    page,
  }) => {
    test.setTimeout(90_000); // one long journey through the admin area
    await signIn(page, E2E_ADMIN, "/admin/agreements/new");
    // A bad form first: every field says what is wrong; nothing is created.
    await page.getByLabel("Address name").fill("Bad Slug!");
    await page.getByRole("button", { name: "Create agreement" }).click();
    await expect(page.getByTestId("error-slug")).toHaveText(
      "Use lower-case letters, digits and single hyphens, such as kr-my-2024",
    );
    await expect(page.getByTestId("error-title")).toHaveText("The title is required");
    await expect(page.getByTestId("error-parties")).toHaveText("Choose at least one party, or add one");

    await page.getByLabel("Title").fill("Korea–Indonesia Special Strategic Partnership statement");
    await page.getByLabel("Address name").fill("kr-id-2025");
    await page.getByLabel("Signed or announced on").fill("2025-03-01");
    await page.getByLabel("Republic of Korea (KR)").check();
    await page.getByLabel("Add a party: code").fill("ID");
    await page.getByLabel("Add a party: name").fill("Indonesia");
    await page.getByRole("button", { name: "Create agreement" }).click();
    await expect(page.getByTestId("notice")).toContainText("Agreement created");

    await page.getByRole("link", { name: "Add a commitment" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("New commitment");
    await page.getByLabel("Number").fill("1");
    await page
      .getByLabel("Title")
      .fill("Conclude a digital trade agreement (디지털 무역협정 · Perjanjian Perdagangan Digital)");
    await page.getByLabel("Theme").fill("Digital");
    await page.getByLabel("Owner").fill("Trade ministries");
    await page.getByLabel("Target date").fill("2025-09-10");
    await page.getByLabel("Precision").selectOption("year");
    await page.getByLabel("As phrased in the text").fill("within 2025");
    await page.getByRole("button", { name: "Create commitment" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Commitment created.");
    const editUrl = page.url();
    const id = Number(new URL(editUrl).pathname.split("/").pop());

    // The target moves: the public timeline says so, with both dates.
    await page.getByLabel("Target date").fill("2026-06-30");
    await page.getByLabel("Precision").selectOption("quarter");
    await page.getByLabel("As phrased in the text").fill("by mid-2026");
    await page.getByRole("button", { name: "Save commitment" }).click();
    await expect(page.getByTestId("notice")).toContainText("Commitment saved");
    // The audit log says what the save changed, field by field, and links to the commitment.
    await page.goto("/admin/audit?entity=commitment");
    const saved = page.getByTestId("audit-row").filter({ hasText: "commitment.update" }).first();
    await expect(saved.getByTestId("audit-changes")).toContainText("targetDate: 2025-12-31 → 2026-06-30");
    await expect(saved.getByRole("link", { name: `commitment ${id}` })).toHaveAttribute(
      "href",
      `/admin/commitments/${id}`,
    );
    await page.goto(editUrl);
    // The new target is already past: the admin is told the commitment now shows as overdue.
    await expect(page.getByTestId("overdue-warning")).toContainText("the target date, 30 Jun 2026, is before today");

    await page.getByRole("link", { name: "Add a milestone" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("New commitment");
    await expect(page.getByLabel("Milestone of")).toHaveValue(String(id));
    await page.getByLabel("Number").fill("1.1");
    await page.getByLabel("Title").fill("Launch negotiations");
    await page.getByLabel("Theme").fill("Digital");
    await page.getByRole("button", { name: "Create commitment" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Commitment created.");

    await page.goto(`/commitments/${id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Conclude a digital trade agreement");
    await expect(page.getByTestId("commitment-facts")).toContainText("Q2 2026");
    await expect(page.getByTestId("commitment-facts")).toContainText("by mid-2026");
    await expect(page.getByTestId("timeline-entry").first()).toContainText(
      "Target moved from 31 Dec 2025 to 30 Jun 2026",
    );
    await expect(page.getByRole("link", { name: "1.1. Launch negotiations" })).toBeVisible();
    const commitmentUrl = page.url();
    // A milestone added today is fresh: it counts from the day it was added, not from the agreement.
    await page.getByRole("link", { name: "1.1. Launch negotiations" }).click();
    await expect(page.getByTestId("freshness")).toHaveText("No update since it was added (today)");
    await page.goto("/");
    await expect(page.getByTestId("latest-updates")).toContainText("Target moved from 31 Dec 2025 to 30 Jun 2026");
    // With two agreements, the home page's mixed lists name each item's agreement.
    const moved = page
      .getByTestId("latest-updates")
      .getByRole("listitem")
      .filter({ hasText: "Target moved from 31 Dec 2025 to 30 Jun 2026" });
    await expect(moved.getByTestId("item-agreement")).toHaveText(
      "In Korea–Indonesia Special Strategic Partnership statement",
    );
    // …and the compare view can be narrowed to one of them.
    await page.goto("/compare");
    await page.getByLabel("Agreement").selectOption("kr-id-2025");
    await page.getByRole("button", { name: "Compare" }).click();
    await expect(page).toHaveURL(/[?&]agreement=kr-id-2025(&|$)/);
    await expect(page.getByLabel("Agreement")).toHaveValue("kr-id-2025");
    // The parent's only milestone has no progress: the parent's reads "not recorded", not 0 %.
    await page.goto(commitmentUrl);
    await expect(page.getByTestId("commitment-facts")).toContainText("Progress not recorded");

    // Deadlines count the undated milestone apart from commitments, as the list does.
    await page.goto("/deadlines");
    await expect(page.getByTestId("deadline-group-no-date").getByRole("heading", { level: 2 })).toHaveText(
      /^No target date \(\d+ \+ 1 milestone\)$/,
    );

    // The list finds the milestone by its words, counted apart from commitments.
    await page.goto("/commitments?q=launch+negotiations");
    await expect(page.getByTestId("list-summary")).toHaveText("0 commitments and 1 milestone");
    await expect(page.getByTestId("list-row")).toContainText("Milestone");
    await expect(page.getByTestId("list-row")).toContainText("Launch negotiations");

    // The CSV keeps the Korean and Malay words intact, after a BOM.
    const csv = await page.request.get("/commitments.csv?agreement=kr-id-2025");
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes(Buffer.from("디지털 무역협정 · Perjanjian Perdagangan Digital", "utf8"))).toBe(true);

    await page.goto("/agreements/kr-id-2025");
    await expect(page.locator("dl.facts")).toContainText("Indonesia (ID)");
    await expect(page.getByTestId("commitment-row")).toHaveCount(2);

    // Delete: gone from public pages (a real 404); restore brings it back.
    await page.goto(editUrl);
    // Deleting takes two steps: the first opens a confirmation that says what happens.
    await page.getByText("Delete this commitment…").click();
    await expect(page.getByText("you can restore it from this page")).toBeVisible();
    await page.getByRole("button", { name: "Yes, delete this commitment" }).click();
    await expect(page.getByTestId("notice")).toContainText("Commitment deleted");
    const gone = await page.goto(`/commitments/${id}`);
    expect(gone?.status()).toBe(404);
    await page.goto(editUrl);
    await page.getByRole("button", { name: "Restore this commitment" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Commitment restored.");
    const back = await page.goto(`/commitments/${id}`);
    expect(back?.status()).toBe(200);
  });
});
