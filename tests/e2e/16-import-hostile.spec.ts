/**
 * The import review against careless input (issue 10), without JavaScript: a typed split that ends
 * inside a word is refused at its field (the quote is never cut mid-word), and a title holding a
 * control character is refused at the title, nothing saved. On the default agreement.
 */
import { expect, type Page, test } from "@playwright/test";

import { E2E_ADMIN } from "../support/e2e-accounts";
import { signIn } from "./helpers";

const DEFAULT_TITLE =
  "Joint Statement on the Establishment of the Strategic Partnership between the Republic of Korea and Malaysia";

test.use({ javaScriptEnabled: false });

function candidate(page: Page, words: string) {
  return page.getByTestId("candidate").filter({ has: page.getByTestId("candidate-quote").filter({ hasText: words }) });
}

test.describe("[ADMIN][IMPORT_HOSTILE]", () => {
  test("a split inside a word and a title with a control character are refused at their fields", async ({ page }) => {
    await signIn(page, E2E_ADMIN, "/admin/agreements");
    const href = await page.getByRole("link", { name: DEFAULT_TITLE, exact: true }).first().getAttribute("href");
    await page.goto(`${href}/import`);
    await page
      .getByLabel("Or paste the text")
      .fill("The two sides will deepen maritime cooperation, and will open a joint coastguard office in Busan.");
    await page.getByRole("button", { name: "Read the text and propose commitments" }).click();
    const c = candidate(page, "deepen maritime cooperation");
    await expect(c).toHaveCount(1);

    await c.locator("summary", { hasText: "Split" }).click();
    await c.getByLabel(/words of the first part/).fill("The two sides will deepen mari");
    await c.getByRole("button", { name: "Split in two" }).click();
    await expect(candidate(page, "deepen maritime cooperation").locator('[data-testid^="error-"]')).toContainText(
      "they end inside a word",
    );
    await expect(page.getByTestId("candidate-quote").filter({ hasText: /^time cooperation/ })).toHaveCount(0);

    const again = candidate(page, "deepen maritime cooperation");
    const title = (await again.getByTestId("candidate-title").textContent()) ?? "";
    expect(title).not.toBe("");
    await again.locator("summary", { hasText: "Edit" }).click();
    await again.getByLabel("Title").fill("Deepen\u0007 maritime cooperation");
    await again.getByRole("button", { name: "Save candidate" }).click();
    const edited = candidate(page, "deepen maritime cooperation");
    await expect(edited.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
    await expect(edited.locator('[data-testid^="error-"]', { hasText: "Remove the control character" })).toHaveCount(1);
    await expect(edited.getByTestId("candidate-title")).toHaveText(title);
    await expect(page.getByTestId("notice")).toHaveCount(0);
  });
});
