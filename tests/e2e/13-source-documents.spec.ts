/**
 * Source documents (issue 10): the default agreement's news report on its page, with the FTA
 * passage highlighted and linked to its commitment, which links back to the passage; accessible
 * (axe), readable on a phone (390 px, no sideways scroll), and working without JavaScript.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const SLUG = "kr-my-strategic-partnership-2024";
const FTA_LINK = /^Commitment 6 \(commentary\): Conclude the bilateral free trade agreement$/;
const FTA_PASSAGE = "plans to conclude a free trade agreement by next year";

function newsReport(page: Page) {
  return page.getByTestId("source-document").filter({ hasText: "Malaysia and South Korea Pledge Deeper Cooperation" });
}

/** The FTA commitment's id, from the API (its anchor says where the passage is). */
async function ftaCommitment(page: Page) {
  const response = await page.request.get(`/api/v1/agreements/${SLUG}`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    commitmentList: { id: number; ref: string; anchor: { start: number; end: number; passageUrl: string } | null }[];
    sourceDocuments: { id: number; kind: string; text: string; publishedOn: string; url: string }[];
  };
  const fta = body.commitmentList.find((c) => c.ref === "6");
  expect(fta?.anchor).not.toBeNull();
  return { fta: fta!, documents: body.sourceDocuments };
}

test.describe("[PUBLIC][SOURCE_DOCUMENTS]", () => {
  test("the agreement page shows the news report with the FTA passage highlighted and linked", async ({ page }) => {
    const { fta, documents } = await ftaCommitment(page);
    // The API: the document and the anchor agree (quote === text.slice(start, end)).
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ kind: "news_report", publishedOn: "2024-11-26" });
    expect(documents[0]?.text.slice(fta.anchor?.start, fta.anchor?.end)).toBe(FTA_PASSAGE);
    expect(fta.anchor?.passageUrl).toMatch(new RegExp(`/agreements/${SLUG}#passage-${fta.id}$`));

    await page.goto(`/agreements/${SLUG}`);
    const doc = newsReport(page);
    await expect(doc).toHaveCount(1);
    await expect(doc.getByTestId("source-kind")).toHaveText("News report");
    await expect(doc).toContainText("26 Nov 2024");
    await expect(doc.getByRole("link", { name: /^Original/ })).toHaveAttribute("href", documents[0]?.url ?? "");
    await expect(doc).toContainText("8 passages highlighted");
    // Long: collapsed until opened (a <details>, no JavaScript needed).
    const mark = page.locator(`mark#passage-${fta.id}`);
    await expect(mark).toBeHidden();
    await doc.locator("summary").click();
    await expect(mark).toBeVisible();
    // The FTA passage and the 65th-anniversary one overlap on "next year": split marks, each whole.
    const pieces = await page.locator(`mark[data-commitments~="${fta.id}"]`).allTextContents();
    expect(pieces.join("")).toBe(FTA_PASSAGE);
    expect(pieces.length).toBe(2);
    await expect(page.locator(`mark[data-commitments~="${fta.id}"].passage--overlap`)).toHaveText("next year");
    // Paragraphs are kept.
    expect(await doc.locator("[data-testid=source-text] p").count()).toBeGreaterThan(10);

    const link = doc.getByRole("link", { name: FTA_LINK });
    await expect(link).toHaveAttribute("href", `/commitments/${fta.id}`);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/commitments/${fta.id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Conclude the bilateral free trade agreement");

    // The commitment page says where its words come from and links back to the passage.
    const source = page.getByTestId("source-passage");
    await expect(source.locator("blockquote")).toHaveText(FTA_PASSAGE);
    await expect(source).toContainText("From the news report “Malaysia and South Korea Pledge Deeper Cooperation");
    await expect(source).toContainText("from commentary");
    const back = source.getByTestId("passage-back-link");
    await expect(back).toHaveAttribute("href", `/agreements/${SLUG}#passage-${fta.id}`);
    await back.click();
    await expect(page).toHaveURL(new RegExp(`/agreements/${SLUG}#passage-${fta.id}$`));
    // Navigating to the fragment opens the collapsed text at the passage.
    await expect(page.locator(`mark#passage-${fta.id}`)).toBeVisible();
    await expect(page.locator(`mark#passage-${fta.id}`)).toBeInViewport();
  });

  test("a passage quoting the statement says so, and keeps its quote", async ({ page }) => {
    await page.goto(`/agreements/${SLUG}`);
    await newsReport(page).locator("summary").click();
    const link = newsReport(page).getByRole("link", {
      name: /^Commitment 4: Keep exploring cooperation in defence R&D/,
    });
    await page.goto((await link.getAttribute("href")) ?? "");
    const source = page.getByTestId("source-passage");
    await expect(source).toContainText("quoting the agreement’s own words");
    await expect(source).not.toContainText("from commentary");
    await expect(page.locator("blockquote")).toHaveCount(1);
  });

  test("has no serious or critical axe violations, with the text open", async ({ page }) => {
    await page.goto(`/agreements/${SLUG}`);
    await newsReport(page).locator("summary").click();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 390, height: 844 } });

    test("the open text fits 390 px without sideways scrolling", async ({ page }) => {
      await page.goto(`/agreements/${SLUG}`);
      await newsReport(page).locator("summary").click();
      await expect(newsReport(page).locator("mark").first()).toBeVisible();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      const { fta } = await ftaCommitment(page);
      await page.goto(`/commitments/${fta.id}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the text opens and the passage links work", async ({ page }) => {
      await page.goto(`/agreements/${SLUG}`);
      await newsReport(page).locator("summary").click();
      const link = newsReport(page).getByRole("link", { name: FTA_LINK });
      await expect(link).toBeVisible();
      await link.click();
      await expect(page.getByTestId("source-passage")).toContainText("from commentary");
    });
  });
});
