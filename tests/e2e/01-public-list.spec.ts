import { expect, type Page, test } from "@playwright/test";

// Runs before any spec that writes (file order), while the database holds only the default dataset.

async function refs(page: Page) {
  return (await page.getByTestId("list-row").locator("td.ref").allInnerTexts()).map((t) => t.trim());
}

test.describe("[PUBLIC][LIST]", () => {
  test("each filter narrows the list, and its count equals the rows it returns", async ({ page }) => {
    await page.goto("/commitments");
    await expect(page.getByTestId("list-summary")).toHaveText("17 commitments");
    const cases: [string, string, string, string[]][] = [
      ["Status", "in_progress", "In progress (9)", ["2", "3", "4", "8", "9", "10", "11", "12", "13"]],
      ["Theme", "Trade", "Trade (3)", ["6", "7", "8"]],
      ["Owed by", "MY", "MY (17)", Array.from({ length: 17 }, (_, i) => String(i + 1))],
      ["Owner", "Korea's trade ministry · Ministry of Investment, Trade and Industry, MITI (Malaysia)", "(1)", ["6"]],
      ["Strength", "exploratory", "Exploratory (1)", ["4"]],
      ["Overdue", "1", "Overdue only (1)", ["16"]],
      ["Agreement", "kr-my-strategic-partnership-2024", "(17)", Array.from({ length: 17 }, (_, i) => String(i + 1))],
    ];
    for (const [label, value, optionText, expected] of cases) {
      await page.goto("/commitments");
      const select = page.getByLabel(label, { exact: true });
      await expect(select.locator(`option[value="${value}"]`)).toContainText(optionText);
      await select.selectOption(value);
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(new RegExp(`[?&]${label === "Owed by" ? "party" : label.toLowerCase()}=`));
      expect(await refs(page), label).toEqual(expected);
    }
  });

  test("filters combine, live in the URL, survive the back button and work without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/commitments");
    await page.getByLabel("Status", { exact: true }).selectOption("in_progress");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=in_progress/);
    await page.getByLabel("Theme", { exact: true }).selectOption("Energy and climate");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=in_progress/);
    await expect(page).toHaveURL(/theme=Energy\+and\+climate/);
    expect(await refs(page)).toEqual(["11", "12"]);
    await expect(page.getByLabel("Theme", { exact: true }).locator('option[value="Energy and climate"]')).toContainText(
      "(2)",
    );
    // A shared link reproduces the view.
    const shared = page.url();
    const other = await context.newPage();
    await other.goto(shared);
    expect(await refs(other)).toEqual(["11", "12"]);
    await page.goBack();
    expect(await refs(page)).toEqual(["2", "3", "4", "8", "9", "10", "11", "12", "13"]);
    // The controls show the filters of the page shown, not the ones chosen later.
    await expect(page.getByLabel("Theme", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("Status", { exact: true })).toHaveValue("in_progress");
    await context.close();
  });

  test("after Back, the filter controls match the list shown (with JavaScript)", async ({ page }) => {
    await page.goto("/commitments?status=fulfilled");
    await page.getByLabel("Status", { exact: true }).selectOption("in_progress");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=in_progress/);
    await page.goBack();
    await expect(page).toHaveURL(/status=fulfilled/);
    await expect(page.getByLabel("Status", { exact: true })).toHaveValue("fulfilled");
    expect(await refs(page)).toEqual(["1", "6", "17"]);
  });

  test("a filter typed in another case selects its option, and Apply keeps it", async ({ page }) => {
    await page.goto("/commitments?theme=trade");
    expect(await refs(page)).toEqual(["6", "7", "8"]);
    await expect(page.getByLabel("Theme", { exact: true })).toHaveValue("Trade");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/theme=Trade/);
    expect(await refs(page)).toEqual(["6", "7", "8"]);
  });

  test("a note under a select (more values than it offers) leaves the selects of its row level", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/commitments");
    // The default dataset has too few values for the note; add one as the page renders it.
    await page.evaluate(() => {
      const note = document.createElement("small");
      note.className = "muted";
      note.dataset.testid = "more-values";
      note.textContent = "1,951 more agreements with fewer rows: search or filter to find them.";
      document.getElementById("f-agreement")?.after(note);
    });
    const tops = await page.evaluate(() =>
      ["f-agreement", "f-status", "f-theme"].map((id) => document.getElementById(id)!.getBoundingClientRect().top),
    );
    expect(new Set(tops).size, `tops ${tops.join(", ")}`).toBe(1);
  });

  test("search finds words in notes and evidence titles; sorting orders the rows", async ({ page }) => {
    await page.goto("/commitments?q=Kuala+Lumpur");
    expect(await refs(page)).toEqual(["2", "4", "6", "17"]);
    await page.goto("/commitments?q=bioeconomy");
    expect(await refs(page)).toEqual(["7"]);
    await page.goto("/commitments?q=zzzz-nothing");
    await expect(page.getByTestId("no-results")).toBeVisible();
    await page.goto("/commitments?sort=target");
    expect((await refs(page)).slice(0, 3)).toEqual(["6", "16", "17"]);
    // Commitment 17's update is dated 2025-11-01, the end of Korea's APEC week: the newest.
    await page.goto("/commitments?sort=updated");
    expect((await refs(page)).slice(0, 1)).toEqual(["17"]);
    await page.goto("/commitments?sort=status");
    expect((await refs(page)).slice(0, 5)).toEqual(["5", "7", "14", "15", "16"]);
  });

  test("as of a date shows the status before and after a seeded change", async ({ page }) => {
    await page.goto("/commitments?asOf=2025-08-17&q=free+trade+agreement");
    const fta = page.getByTestId("list-row").filter({ hasText: "Conclude the bilateral free trade agreement" });
    await expect(fta).toContainText("In progress");
    await expect(page.getByTestId("list-summary")).toContainText("as they stood on 17 Aug 2025");
    await page.goto("/commitments?asOf=2025-08-18&q=free+trade+agreement");
    await expect(
      page.getByTestId("list-row").filter({ hasText: "Conclude the bilateral free trade agreement" }),
    ).toContainText("Fulfilled");
  });

  test("bad parameters are named and left out", async ({ page }) => {
    await page.goto("/commitments?status=done&theme=Trade");
    await expect(page.getByTestId("query-errors")).toContainText("status");
    expect(await refs(page)).toEqual(["6", "7", "8"]);
    await page.goto("/commitments?q=*&theme=Trade");
    await expect(page.getByTestId("query-errors")).toContainText(
      "q: Search for words: use at least one letter or digit",
    );
    expect(await refs(page)).toEqual(["6", "7", "8"]);
    await page.goto("/commitments?page=99");
    await expect(page.getByTestId("page-note")).toHaveText(
      "There is no page 99: these filters give 1 page, so this is page 1.",
    );
  });

  test("every commitment says when it was last updated, and flags stale ones", async ({ page }) => {
    await page.goto("/commitments?q=defence+cooperation+MoU");
    const row = page.getByTestId("list-row").first();
    await expect(row.getByTestId("freshness")).toContainText(/25 Nov 2024 \(\d+ days ago\)/);
    await expect(row.locator('[data-flag="stale"]')).toHaveText("◌ Stale");
    await page.goto(`/commitments?status=fulfilled`);
    await expect(page.locator('[data-flag="stale"]')).toHaveCount(0);
  });
});

test.describe("[PUBLIC][DEADLINES]", () => {
  test("groups open commitments: overdue, next 90 days, later, no date", async ({ page }) => {
    await page.goto("/deadlines");
    await expect(page.getByTestId("deadline-group-overdue")).toContainText("Overdue (1)");
    await expect(page.getByTestId("deadline-group-overdue")).toContainText("December 2025");
    await expect(page.getByTestId("deadline-group-overdue").getByTestId("deadline-row")).toContainText(
      "65th anniversary",
    );
    await expect(page.getByTestId("deadline-group-soon")).toContainText("Nothing is due in the next 90 days.");
    await expect(page.getByTestId("deadline-group-no-date").getByTestId("deadline-row")).toHaveCount(13);
  });
});

test.describe("[A11Y][KEYBOARD]", () => {
  test("the list's filters and the chart links work by keyboard alone, with a visible focus ring", async ({ page }) => {
    await page.goto("/commitments");
    /** Tab until the element named `name` (its label, aria-label, SVG title or text) has focus (at most 40 presses). */
    const tabTo = async (name: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el) return "";
          const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
          const title = el.querySelector(":scope > title")?.textContent;
          return (label ?? el.getAttribute("aria-label") ?? title ?? el.innerText ?? "").trim();
        });
        if (focused === name) return;
      }
      throw new Error(`Tab never reached ${name}`);
    };
    await tabTo("Status");
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(ring.style).not.toBe("none");
    expect(ring.width).toBeGreaterThanOrEqual(2);
    // A focused select changes with the arrow keys; Enter in the form submits it.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const chosen = await page.locator("#f-status").inputValue();
    expect(chosen).not.toBe("");
    await tabTo("Apply");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`[?&]status=${chosen}(&|$)`));
    await expect(page.locator("#f-status")).toHaveValue(chosen);

    // A chart segment on the home page is a link too.
    await page.goto("/");
    await tabTo("Fulfilled, 3");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(
      /\/commitments\?agreement=kr-my-strategic-partnership-2024&level=commitment&status=fulfilled$/,
    );
    await expect(page.getByTestId("list-summary")).toHaveText("3 commitments");
  });
});
