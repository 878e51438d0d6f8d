import { expect, test } from "@playwright/test";

const SLUG = "kr-my-strategic-partnership-2024";

test.describe("[PUBLIC][HOME]", () => {
  test("lists the agreement with its status counts, deadlines and latest updates", async ({ page }) => {
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(/Accord Tracker/);
    const card = page.getByTestId("agreement-card");
    await expect(card).toHaveCount(1);
    await expect(
      card.getByRole("link", { name: /Strategic Partnership between the Republic of Korea and Malaysia/ }),
    ).toBeVisible();
    await expect(card).toContainText("17 commitments");
    // The chart's segments are links to the filtered list, named with status and count.
    await expect(card.getByRole("link", { name: "Fulfilled, 3" })).toHaveAttribute(
      "href",
      "/commitments?agreement=kr-my-strategic-partnership-2024&level=commitment&status=fulfilled",
    );
    await expect(card.getByRole("link", { name: "In progress, 9" })).toBeVisible();
    await expect(card.getByRole("link", { name: "Not yet assessed, 5" })).toBeVisible();
    // Charts by theme and by owner across agreements; a segment opens the matching list.
    const trade = page.getByTestId("chart-home-by-theme").getByRole("link", { name: "Trade: Fulfilled, 1" });
    await expect(trade).toHaveAttribute("href", "/commitments?level=commitment&theme=Trade&status=fulfilled");
    await expect(page.getByTestId("chart-home-by-owner").getByRole("link").first()).toBeVisible();
    await expect(page.getByTestId("overdue-item")).toHaveCount(1);
    await expect(page.getByTestId("overdue-item")).toContainText("65th anniversary");
    await expect(page.getByTestId("overdue-item")).toContainText(/Overdue by \d+ days/);
    const updates = page.getByTestId("latest-updates").getByRole("listitem");
    await expect(updates.first()).toContainText("1 Nov 2025");
    await expect(page.getByTestId("latest-updates")).toContainText(
      "Negotiations on the free trade agreement were reported concluded.",
    );
  });

  test("has a description and a skip link that moves focus to the content", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /pledge/);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
  });
});

test.describe("[PUBLIC][AGREEMENT]", () => {
  test("shows the facts, parties and all 17 commitments grouped by theme", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: /Strategic Partnership between/ }).click();
    await expect(page).toHaveURL(new RegExp(`/agreements/${SLUG}$`));
    await expect(page).toHaveTitle(
      /^Joint Statement on the Establishment of the Strategic Partnership.* · Accord Tracker$/,
    );
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Strategic Partnership");
    await expect(page.locator("dl.facts")).toContainText("25 Nov 2024, Yongsan Presidential Office, Seoul");
    await expect(page.locator("dl.facts")).toContainText("President Yoon Suk Yeol");
    await expect(page.locator("dl.facts")).toContainText("Prime Minister Anwar Ibrahim");
    await expect(page.getByTestId("commitment-row")).toHaveCount(17);
    const themes = await page.getByTestId("theme-section").locator("tr.theme-row th").allInnerTexts();
    expect(themes.map((t) => t.replace(/\s+/g, " ").trim())).toEqual([
      "Political relations (2)",
      "Defence (1)",
      "Defence industry (1)",
      "Security (1)",
      "Trade (3)",
      "Investment (1)",
      "Critical minerals (1)",
      "Energy and climate (2)",
      "Education (1)",
      "Tourism (1)",
      "Digital (1)",
      "Culture (1)",
      "Regional and global (1)",
    ]);
    const fta = page.getByTestId("commitment-row").filter({ hasText: "Conclude the bilateral free trade agreement" });
    await expect(fta).toContainText("Fulfilled");
    await expect(fta).toContainText("MITI");
    await expect(fta).toContainText("2025");
    const culture = page.getByTestId("commitment-row").filter({ hasText: "65th anniversary" });
    await expect(culture).toContainText("Not yet assessed");
    await expect(culture.locator('[data-flag="overdue"]')).toBeVisible();
    const kpis = await page.getByTestId("progress-summary").locator(".kpi").allInnerTexts();
    expect(kpis.map((k) => k.replace(/\s+/g, " ").trim())).toEqual([
      "17 commitments",
      "3 fulfilled or partly fulfilled",
      "9 in progress",
      "1 overdue",
      "5 not yet assessed",
    ]);
    await expect(page.getByTestId("progress-note")).toHaveText(
      "Progress is recorded for 3 of 17 commitments (mean 100%); the others have a status only.",
    );
  });

  test("shows every commitment as it stood on an earlier date, before and after a recorded change", async ({
    page,
  }) => {
    const base = "/agreements/kr-my-strategic-partnership-2024";
    const fta = () =>
      page.getByTestId("commitment-row").filter({ hasText: "Conclude the bilateral free trade agreement" });
    const fulfilled = () => page.getByTestId("progress-summary").locator(".kpi").nth(1);

    // The FTA talks were reported concluded on 18 Aug 2025 (the default dataset).
    await page.goto(base);
    await page.getByLabel("As it stood on").fill("2025-08-17");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(new RegExp(`${base}\\?asOf=2025-08-17$`));
    await expect(page.getByTestId("as-of-banner")).toContainText("As it stood at the end of 17 Aug 2025");
    await expect(fta()).toContainText("In progress");
    await expect(fulfilled()).toHaveText(/^1\s+fulfilled or partly fulfilled$/);
    // The chart's segments count as the API does for that date, and open the list as of that date.
    const api = await page.request.get(
      "/api/v1/commitments?agreement=kr-my-strategic-partnership-2024&level=commitment&status=in_progress&asOf=2025-08-17",
    );
    const inProgress = ((await api.json()) as { meta: { total: { commitments: number } } }).meta.total.commitments;
    expect(inProgress).toBeGreaterThan(0);
    await expect(
      page.getByTestId("chart-status").getByRole("link", { name: `In progress, ${inProgress}` }),
    ).toHaveAttribute(
      "href",
      "/commitments?agreement=kr-my-strategic-partnership-2024&level=commitment&asOf=2025-08-17&status=in_progress",
    );

    await page.goto(`${base}?asOf=2025-08-18`);
    await expect(fta()).toContainText("Fulfilled");
    await expect(fulfilled()).toHaveText(/^2\s+fulfilled or partly fulfilled$/);

    await page.getByRole("link", { name: "See it today" }).click();
    await expect(page).toHaveURL(new RegExp(`${base}$`));
    await expect(page.getByTestId("as-of-banner")).toHaveCount(0);

    // Bad dates say what is wrong and show today's state.
    await page.goto(`${base}?asOf=garbage`);
    await expect(page.getByTestId("as-of-problem")).toHaveText("Use a real date as YYYY-MM-DD");
    await expect(fta()).toContainText("Fulfilled");
    await page.goto(`${base}?asOf=2024-01-01`);
    await expect(page.getByTestId("as-of-problem")).toHaveText(
      "The agreement dates from 25 Nov 2024: choose that day or later",
    );
  });
});

test.describe("[PUBLIC][COMMITMENT]", () => {
  test("shows the FTA's status, target with its phrase, dated timeline and safe evidence links", async ({ page }) => {
    await page.goto(`/agreements/${SLUG}`);
    await page.getByRole("link", { name: "Conclude the bilateral free trade agreement", exact: true }).click();
    await expect(page).toHaveURL(/\/commitments\/\d+$/);
    await expect(page).toHaveTitle("Conclude the bilateral free trade agreement · Accord Tracker");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Conclude the bilateral free trade agreement");
    const status = page.locator(".status--large");
    await expect(status).toHaveText("✓Fulfilled");
    await expect(status.locator(".status__icon")).toHaveAttribute("aria-hidden", "true");
    const facts = page.getByTestId("commitment-facts");
    await expect(facts).toContainText("100%");
    await expect(facts).toContainText("as phrased: “by next year");
    await expect(facts).toContainText("Fulfilled on 18 Aug 2025");
    await expect(facts).toContainText("Ministry of Investment, Trade and Industry");
    const entries = page.getByTestId("timeline-entry");
    await expect(entries).toHaveCount(4);
    await expect(entries.nth(0)).toContainText("27 Oct 2025");
    await expect(entries.nth(1)).toContainText("18 Aug 2025");
    await expect(entries.nth(1).locator(".status")).toHaveText(["◐In progress", "✓Fulfilled"]);
    await expect(entries.nth(1)).toContainText("Progress set to 100%");
    await expect(entries.nth(1)).toContainText("Negotiations on the free trade agreement were reported concluded.");
    await expect(entries.nth(3)).toContainText("23 Jun 2025");
    const links = page.locator('[data-testid="timeline"] a');
    await expect(links).toHaveCount(4);
    for (const link of await links.all()) {
      await expect(link).toHaveAttribute("rel", "noopener noreferrer");
      await expect(link).toHaveAttribute("href", /^https?:\/\//);
    }
    await expect(page.getByRole("link", { name: /conclude free trade agreement talks/ })).toHaveAttribute(
      "href",
      "https://bernama.com/lite/news.php?id=2458050",
    );
  });

  test("flags an overdue commitment and shows its source quote when it has one", async ({ page }) => {
    await page.goto(`/agreements/${SLUG}`);
    await page
      .getByTestId("commitment-row")
      .getByRole("link", { name: /65th anniversary/ })
      .click();
    await expect(page.locator('[data-flag="overdue"]').first()).toContainText(/Overdue by \d+ days/);
    await expect(page.getByText("as phrased: “next year”")).toBeVisible();
    await expect(page.getByText("No status updates yet")).toBeVisible();

    await page.goto(`/agreements/${SLUG}`);
    await page
      .getByTestId("commitment-row")
      .getByRole("link", { name: /defence R&D/ })
      .click();
    await expect(page.locator("blockquote")).toContainText("to continue to explore ways to work together");
    await expect(page.getByTestId("commitment-facts")).toContainText("Exploratory");
  });
});

test.describe("[PUBLIC][NOT_FOUND]", () => {
  for (const path of [`/agreements/no-such-agreement`, "/commitments/999999", "/commitments/abc", "/nowhere"]) {
    test(`answers 404 with a real page for ${path}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
      await expect(page.getByRole("link", { name: "See all agreements" })).toBeVisible();
    });
  }

  test("answers 400, not a server error, to a malformed %-escape", async ({ request }) => {
    for (const path of ["/api/v1/commitments/%", "/badge/commitments/%", "/commitments/%", "/commitments/%/feed.xml"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(400);
      expect(await response.text(), path).toContain("malformed %-escape");
    }
  });
});

test.describe("[PUBLIC][NO_JS]", () => {
  test.use({ javaScriptEnabled: false });

  test("the pages render and link together without JavaScript", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("agreement-card")).toContainText("17 commitments");
    await page.getByRole("link", { name: /Strategic Partnership between/ }).click();
    await expect(page.getByTestId("commitment-row")).toHaveCount(17);
    await page.getByRole("link", { name: "Conclude the bilateral free trade agreement", exact: true }).click();
    await expect(page.getByTestId("timeline-entry")).toHaveCount(4);
    await expect(page.locator(".status--large")).toHaveText("✓Fulfilled");
  });

  for (const path of ["/agreements/no-such-agreement", "/commitments/999999", "/commitments/abc"]) {
    test(`a 404 for ${path} shows its page without JavaScript`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
      await expect(page.getByRole("link", { name: "See all agreements" })).toBeVisible();
    });
  }

  test("answers 400, not a server error, to a malformed %-escape", async ({ request }) => {
    for (const path of ["/api/v1/commitments/%", "/badge/commitments/%", "/commitments/%", "/commitments/%/feed.xml"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(400);
      expect(await response.text(), path).toContain("malformed %-escape");
    }
  });
});

test.describe("[A11Y][PHONE]", () => {
  test.use({ viewport: { width: 375, height: 800 } });
  test("public pages fit a phone's width: wide tables and charts scroll inside their own box", async ({ page }) => {
    for (const path of [
      "/",
      "/agreements",
      "/agreements/kr-my-strategic-partnership-2024",
      "/commitments",
      "/deadlines",
      "/compare",
      "/commitments?status=in_progress",
    ]) {
      await page.goto(path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(375);
    }
    // Chart labels stay legible: the owner chart scrolls rather than shrinking below 3/4 of its size.
    await page.goto("/agreements/kr-my-strategic-partnership-2024");
    const svgWidth = await page
      .getByTestId("chart-by-owner")
      .locator("svg")
      .evaluate((svg) => svg.getBoundingClientRect().width);
    expect(svgWidth).toBeGreaterThan(375);
  });
});
