/**
 * The import's input (issue 10), on the default agreement: each bad file is refused with its
 * message at the file field (never "0 commitments"); a text without pledges says so; a long text
 * shows its progress stage by stage and its candidates a page at a time; without JavaScript the
 * upload, a refusal and a decision work as plain forms.
 */
import fs from "node:fs";
import path from "node:path";

import { expect, type Page, test } from "@playwright/test";

import { E2E_ADMIN } from "../support/e2e-accounts";
import { buildImageOnlyPdf } from "../support/import-files";
import { signIn } from "./helpers";

const DEFAULT_TITLE =
  "Joint Statement on the Establishment of the Strategic Partnership between the Republic of Korea and Malaysia";

let importUrl = "";

/** The default agreement's import page (signed in as the admin). */
async function openImport(page: Page): Promise<string> {
  await signIn(page, E2E_ADMIN, "/admin/agreements");
  if (!importUrl) {
    const href = await page.getByRole("link", { name: DEFAULT_TITLE, exact: true }).first().getAttribute("href");
    importUrl = `${href}/import`;
  }
  await page.goto(importUrl);
  return importUrl;
}

test.describe("[ADMIN][IMPORT_INPUT]", () => {
  test("each bad file is refused with its message at the file field", async ({ page }) => {
    test.setTimeout(90_000);
    await openImport(page);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1]);
    const cases: [{ name: string; mimeType: string; buffer: Buffer }, string][] = [
      [{ name: "empty.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) }, "The file is empty (0 bytes)."],
      [
        { name: "photo.txt", mimeType: "text/plain", buffer: png },
        "The file could not be read as text: it looks binary (a PNG image).",
      ],
      [
        { name: "big.txt", mimeType: "text/plain", buffer: Buffer.alloc(5 * 1024 * 1024 + 1, "a") },
        "The file is 5.0 MB (5,242,881 bytes); the limit is 5 MB.",
      ],
      [
        { name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from(await buildImageOnlyPdf()) },
        "This PDF has no text layer (a scan?): paste its text or upload a text PDF.",
      ],
    ];
    for (const [file, message] of cases) {
      await page.goto(importUrl);
      await page.getByLabel("File").setInputFiles(file);
      await page.getByRole("button", { name: "Read the text and propose commitments" }).click();
      await expect(page.getByTestId("error-file")).toHaveText(message);
      await expect(page.getByLabel("File")).toHaveAttribute("aria-invalid", "true");
      // Never "0 commitments": no review was opened.
      await expect(page).toHaveURL(new RegExp(`${importUrl}$`));
      await expect(page.getByTestId("no-candidates")).toHaveCount(0);
    }
    // Nothing chosen at all.
    await page.goto(importUrl);
    await page.getByRole("button", { name: "Read the text and propose commitments" }).click();
    await expect(page.getByTestId("error-file")).toHaveText("Choose a file, or paste the text below.");
    // A text read well but without a pledge says so, distinctly.
    await page.goto(importUrl);
    await page
      .getByLabel("Or paste the text")
      .fill("The Leaders met in Seoul on a sunny day. They had lunch together.");
    await page.getByRole("button", { name: "Read the text and propose commitments" }).click();
    await expect(page.getByTestId("no-candidates")).toHaveText(
      "No pledges found in this text — 2 sentences read. Check it is the agreement’s text, or add its commitments by hand.",
    );
    // The failed attempts are listed, each with its reason.
    await page.goto(importUrl);
    await expect(page.getByTestId("earlier-runs")).toContainText("scan.pdf");
    await expect(page.getByTestId("earlier-runs")).toContainText("failed: This PDF has no text layer");
  });

  test("a long text shows its progress, stage by stage, and its candidates a page at a time", async ({ page }) => {
    test.setTimeout(360_000);
    await openImport(page);
    const dir = path.join(process.cwd(), "tests/fixtures/import");
    const all = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
      .join("\n\n");
    const big = Array.from({ length: 12 }, () => all).join("\n\n");
    await page.getByLabel("File").setInputFiles({ name: "long.txt", mimeType: "text/plain", buffer: Buffer.from(big) });
    // Record every stage the page shows (each lasts a moment), across the navigation at the end.
    const stages: string[] = [];
    await page.exposeFunction("recordStage", (t: string) => {
      if (stages.at(-1) !== t) stages.push(t);
    });
    await page.evaluate(() => {
      const record = (window as unknown as { recordStage: (t: string) => void }).recordStage;
      new MutationObserver(() => {
        const t = document.querySelector("[data-testid=import-stage]")?.textContent;
        if (t) record(t);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole("button", { name: "Read the text and propose commitments" }).click();
    // ~60 s on a quiet 2-core machine; CI on a loaded one took more than 120 s (session 9).
    await expect(page).toHaveURL(/\/import\?run=\d+$/, { timeout: 300_000 });
    expect(stages[0]).toMatch(/^Sending the text…/);
    expect(stages).toContain("Reading the file…");
    // Each stage in order (one the page had no time to draw may be missing, never out of order).
    const order = [
      /^Sending the text…/,
      /^Reading the file…$/,
      /^Structure: [\d,]+ paragraphs found\. Finding candidates…$/,
      /^Candidates: [\d,]+ of [\d,]+ paragraphs read…$/,
      /^Saving the candidates…$/,
      /^[\d,]+ candidates found\. Opening the review…$/,
    ];
    const ranks = stages.map((t) => order.findIndex((re) => re.test(t)));
    expect(ranks, stages.join(" | ")).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks).not.toContain(-1);
    const reading = stages.filter((t) => /^Candidates: [\d,]+ of [\d,]+ paragraphs read…$/.test(t));
    expect(reading.length, stages.join(" | ")).toBeGreaterThanOrEqual(2);
    expect(stages, stages.join(" | ")).toContain("Saving the candidates…");
    expect(stages.at(-1)).toMatch(/^[\d,]+ candidates found\. Opening the review…$/);
    await expect(page.getByTestId("candidate")).toHaveCount(50);
    await expect(page.getByTestId("pager")).toContainText(/Page 1 of \d+/);
    await page.getByTestId("pager").getByRole("link", { name: "Next →" }).click();
    await expect(page.getByTestId("candidate").first()).toContainText("Candidate 51");
    await expect(page.getByTestId("review-text")).toContainText("the text before is on earlier pages");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the upload, a refusal and a decision work as plain forms", async ({ page }) => {
      await openImport(page);
      await page
        .getByLabel("File")
        .setInputFiles({ name: "empty.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) });
      await page.getByRole("button", { name: "Read the text and propose commitments" }).click();
      await expect(page).toHaveURL(/\/import\?run=\d+$/);
      await expect(page.getByTestId("error-file")).toHaveText("The file is empty (0 bytes).");
      await expect(page.getByTestId("run-failed")).toContainText("This import failed");
      const text = "1. Both sides will open a joint tourism office in Chiang Mai by 2026.\n";
      await page
        .getByLabel("File")
        .setInputFiles({ name: "office.txt", mimeType: "text/plain", buffer: Buffer.from(text) });
      await page.getByRole("button", { name: "Read the text and propose commitments" }).click();
      await expect(page.getByTestId("candidate")).toHaveCount(1);
      await page.getByRole("button", { name: "Reject candidate 1" }).click();
      await expect(page.getByTestId("notice")).toHaveText("Decision saved.");
      await expect(page.getByTestId("candidate-decision")).toHaveText("Rejected");
    });
  });
});
