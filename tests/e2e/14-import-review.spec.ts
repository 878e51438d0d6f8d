/**
 * Import review (issue 10): an admin uploads a labelled statement (.txt) for a new agreement, sees
 * its candidates highlighted in the text, accepts some ("accept all not flagged", then one more),
 * edits one (title and target date), splits one, merges two, rejects others, and creates the
 * commitments; they show on the public agreement page with their passages highlighted. Pasting the
 * same text again creates nothing new and names what it skipped; an editor gets no access.
 * Accessible (axe), 390 px. Bad files, progress and the page without JavaScript:
 * 15-import-input.spec.ts.
 */
import fs from "node:fs";
import path from "node:path";

import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, test } from "@playwright/test";

import { E2E_ADMIN, E2E_EDITORS } from "../support/e2e-accounts";
import { signIn } from "./helpers";

const FIXTURE = path.join(process.cwd(), "tests/fixtures/import/kr-th-2024-joint-statement.txt");
const STATEMENT = fs.readFileSync(FIXTURE, "utf8");
const SLUG = "kr-th-2024-import";
const KOREAN = "양국은 2025년까지 경제동반자협정(EPA)을 체결하기로 합의하였다.";

test.describe.configure({ mode: "serial" });

let importUrl = "";

function candidate(page: Page, words: string): Locator {
  return page.getByTestId("candidate").filter({ has: page.getByTestId("candidate-quote").filter({ hasText: words }) });
}

async function serious(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test.describe("[ADMIN][IMPORT]", () => {
  test("upload, review (accept, edit, split, merge, reject), create; the public page highlights them", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signIn(page, E2E_ADMIN, "/admin/agreements/new");
    await page.getByLabel("Title").fill("Korea–Thailand Strategic Partnership (imported)");
    await page.getByLabel("Address name").fill(SLUG);
    await page.getByLabel("Signed or announced on").fill("2024-09-06");
    await page.getByLabel("Republic of Korea (KR)").check();
    await page.getByLabel("Add a party: code").fill("TH");
    await page.getByLabel("Add a party: name").fill("Kingdom of Thailand");
    await page.getByRole("button", { name: "Create agreement" }).click();
    await expect(page.getByTestId("notice")).toContainText("Agreement created");

    await page.getByRole("link", { name: "Import commitments from a text" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Import a text");
    importUrl = new URL(page.url()).pathname;
    await expect(page.getByLabel("The document's date")).toHaveValue("2024-09-06");
    await page.getByLabel("File").setInputFiles(FIXTURE);
    await page.getByLabel("Title", { exact: true }).fill("Joint Statement (KR–TH)");
    await page.getByLabel("Kind").selectOption("joint_statement");
    await page.getByRole("button", { name: "Read the text and propose commitments" }).click();
    await expect(page).toHaveURL(/\/import\?run=\d+$/);
    await expect(page.getByTestId("run-summary")).toContainText("kr-th-2024-joint-statement.txt · txt, read as UTF-8");

    // Every candidate is highlighted in the text and linked both ways.
    const items = page.getByTestId("candidate");
    const total = await items.count();
    expect(total).toBeGreaterThan(10);
    await expect(page.getByTestId("candidate-link")).toHaveCount(total);
    const first = items.first();
    const firstId = (await first.getAttribute("id"))!.replace("candidate-", "");
    await expect(page.locator(`mark#in-text-${firstId}`)).toHaveText(
      (await first.getByTestId("candidate-quote").textContent())!,
    );
    // Positions are shown, rejected by default; flags are named.
    await expect(
      candidate(page, "expressed concern over the situation in Myanmar").getByTestId("candidate-decision"),
    ).toHaveText("Rejected");
    await expect(candidate(page, "expressed concern over the situation in Myanmar")).toContainText(
      "Position: not a pledge",
    );
    // A Korean pledge is read too: its deadline "2025년까지" (by 2025) resolves (rule D21), so it is not flagged.
    await expect(candidate(page, KOREAN).getByTestId("candidate-target")).toHaveText("2025 (“2025년까지”)");
    await expect(candidate(page, KOREAN)).not.toContainText("Vague deadline");
    expect(await serious(page)).toEqual([]);

    // Accept all not flagged, then reject one of them.
    const unflagged = page.getByRole("button", { name: /^Accept all not flagged \(\d+\)$/ });
    const acceptedCount = Number((await unflagged.textContent())!.match(/\((\d+)\)/)![1]);
    expect(acceptedCount).toBeGreaterThanOrEqual(3);
    await unflagged.click();
    await expect(page.getByTestId("notice")).toHaveText(`${acceptedCount} candidates accepted.`);
    const forum = candidate(page, "Thailand will host the Korea–Thailand Business Forum");
    await forum.getByRole("button", { name: /^Reject/ }).click();
    await expect(forum.getByTestId("candidate-decision")).toHaveText("Rejected");

    // Edit one: title and target date.
    const mission = candidate(page, "The Korean side will send an investment promotion mission");
    await expect(mission.getByTestId("candidate-target")).toHaveText("Q1 2025 (“in Q1 2025”)");
    await mission.locator("summary", { hasText: "Edit" }).click();
    await mission.getByLabel("Title").fill("Send an investment mission to the Eastern Economic Corridor");
    await mission.getByLabel("Target date").fill("2025-06-10");
    await mission.getByLabel("Precision").selectOption("quarter");
    await mission.getByLabel("As phrased in the text").fill("by mid-2025");
    await mission.getByRole("button", { name: "Save candidate" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Candidate saved.");
    await expect(mission.getByTestId("candidate-title")).toHaveText(
      "Send an investment mission to the Eastern Economic Corridor",
    );
    await expect(mission.getByTestId("candidate-target")).toHaveText("Q2 2025 (“by mid-2025”)");
    await expect(mission.getByTestId("candidate-decision")).toHaveText("Accepted");

    // Split one by typing its first part; accept the first part.
    const defence = candidate(page, "The two sides will deepen defence cooperation");
    await defence.locator("summary", { hasText: "Split" }).click();
    await defence.getByLabel(/words of the first part/).fill("The two sides will deepen defence cooperation,");
    await defence.getByRole("button", { name: "Split in two" }).click();
    await expect(page.getByTestId("notice")).toHaveText("Candidate split in two.");
    const part = page.getByTestId("candidate").filter({
      has: page
        .getByTestId("candidate-quote")
        .getByText("The two sides will deepen defence cooperation,", { exact: true }),
    });
    await expect(part).toHaveCount(1);
    await part.getByRole("button", { name: /^Accept/ }).click();
    await expect(part.getByTestId("candidate-decision")).toHaveText("Accepted");

    // Merge the two pledges of paragraph 8 and accept the merged one; the Korean pledge was accepted with the unflagged.
    const scholarships = candidate(page, "Korea will increase the number of Global Korea Scholarships");
    await scholarships.getByRole("button", { name: /^Merge with the next/ }).click();
    await expect(page.getByTestId("notice")).toHaveText("Candidates merged.");
    const merged = candidate(page, "Korea will increase the number of Global Korea Scholarships");
    await expect(merged.getByTestId("candidate-quote")).toContainText("expand student and faculty exchanges.");
    await merged.getByRole("button", { name: /^Accept/ }).click();
    await expect(merged.getByTestId("candidate-decision")).toHaveText("Accepted");
    await expect(candidate(page, KOREAN).getByTestId("candidate-decision")).toHaveText("Accepted");
    // Reject another.
    const elevate = candidate(page, "decided to elevate the bilateral relationship");
    await elevate.getByRole("button", { name: /^Reject/ }).click();
    await expect(elevate.getByTestId("candidate-decision")).toHaveText("Rejected");

    // Nothing is public yet; then create the accepted ones in one go.
    const created = acceptedCount - 1 + 2; // unflagged (the Korean among them) minus the forum, plus the part and the merged
    await page.getByRole("button", { name: `Create ${created} commitments from the accepted` }).click();
    await expect(page.getByTestId("notice")).toContainText(`${created} commitments created.`);
    await expect(page.locator("[data-decision=imported]")).toHaveCount(created);
    await expect(mission.getByTestId("candidate-commitment")).toContainText(
      "Imported as commitment 4: Send an investment mission to the Eastern Economic Corridor",
    );

    // The public page: the document with every created commitment's passage highlighted and linked.
    await page.goto(`/agreements/${SLUG}`);
    const doc = page.getByTestId("source-document").filter({ hasText: "Joint Statement (KR–TH)" });
    await expect(doc.getByTestId("source-kind")).toHaveText("Joint statement");
    await expect(doc).toContainText(`${created} passages highlighted`);
    await doc.locator("summary").click();
    await expect(doc.getByTestId("passage-link")).toHaveCount(created);
    const link = doc.getByRole("link", {
      name: "Commitment 4: Send an investment mission to the Eastern Economic Corridor",
    });
    const href = (await link.getAttribute("href"))!;
    const markOf = async (name: RegExp | string) => {
      const id = (await doc.getByRole("link", { name }).getAttribute("href"))!.split("/").pop();
      return doc.locator(`mark[data-commitments~="${id}"]`);
    };
    await expect(await markOf("Commitment 4: Send an investment mission to the Eastern Economic Corridor")).toHaveText(
      "The Korean side will send an investment promotion mission to the Eastern Economic Corridor in Q1 2025.",
    );
    await expect(await markOf(/^Commitment 5: /)).toHaveText(KOREAN);
    await page.goto(href);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Send an investment mission");
    await expect(page.locator(".status--large")).toContainText("Not yet assessed");
    await expect(page.getByTestId("commitment-facts")).toContainText("Q2 2025");
    // Its quote is the passage; the passage's document is named and linked back.
    await expect(page.getByRole("region", { name: "Source quote" }).locator("blockquote")).toHaveText(
      "The Korean side will send an investment promotion mission to the Eastern Economic Corridor in Q1 2025.",
    );
    await expect(page.getByTestId("source-passage")).toContainText(
      "From the joint statement “Joint Statement (KR–TH)”, 6 Sept 2024.",
    );
  });

  test("pasting the same text again creates nothing new and says what it skipped", async ({ page }) => {
    await signIn(page, E2E_ADMIN, importUrl);
    await page.goto(`/agreements/${SLUG}`);
    const before = await page.getByTestId("source-document").count();
    await page.goto(importUrl);
    await page.getByLabel("Or paste the text").fill(STATEMENT);
    await page.getByRole("button", { name: "Read the text and propose commitments" }).click();
    await expect(page).toHaveURL(/\/import\?run=\d+$/);
    await expect(page.getByTestId("run-summary")).toContainText("Pasted text · paste");
    const skipped = page.getByTestId("skipped");
    await expect(skipped).toContainText(/^\d+ candidates skipped as already imported:/);
    await expect(skipped).toContainText("commitment 4: Send an investment mission to the Eastern Economic Corridor");
    await expect(skipped).toContainText(KOREAN);
    const mission = candidate(page, "The Korean side will send an investment promotion mission");
    await expect(mission.getByTestId("candidate-decision")).toHaveText("Skipped: already imported");
    await expect(mission.getByRole("button")).toHaveCount(0);
    // The split and merged ones were other words: they are proposed again, not skipped.
    await expect(page.getByTestId("review-actions")).toContainText("0 accepted");
    await expect(page.getByRole("button", { name: /^Create/ })).toHaveCount(0);
    await page.goto(`/agreements/${SLUG}`);
    await expect(page.getByTestId("source-document")).toHaveCount(before);
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 390, height: 844 } });

    test("the review fits 390 px without sideways scrolling", async ({ page }) => {
      await signIn(page, E2E_ADMIN, importUrl);
      await page.getByTestId("earlier-runs").getByRole("link").last().click();
      await expect(page.getByTestId("candidate").first()).toBeVisible();
      await page.getByTestId("candidate").first().locator("summary", { hasText: "Edit" }).click();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await serious(page)).toEqual([]);
    });
  });
});

test.describe("[EDITOR][IMPORT]", () => {
  test("an editor gets no access to the page or the upload", async ({ page }) => {
    await signIn(page, E2E_EDITORS[0], "/staff");
    await page.goto(importUrl);
    await expect(page.getByTestId("forbidden")).toContainText("Admins only");
    await expect(page.getByTestId("upload-form")).toHaveCount(0);
    const response = await page.request.post(`${importUrl}/upload`, {
      multipart: { text: "1. Both sides will act.", title: "x" },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain("Your role does not allow this.");
  });
});
