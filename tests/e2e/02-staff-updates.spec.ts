import { expect, test } from "@playwright/test";

import { E2E_EDITORS } from "../support/e2e-accounts";
import { commitmentIdByTitle, fillEvidence, signIn } from "./helpers";

const EDITOR = E2E_EDITORS[0];
const SECURITY = "Cooperate against non-traditional security threats, drug trafficking and cybercrime";
const DIGITAL = "Continue the Look East Policy and open digital and ICT cooperation (5G, AI)";
const EDUCATION = "Cooperate in higher education, technical and vocational training, and language and culture learning";
const FTA_USE = "Use the FTA to widen cooperation into the digital, green and bio economies";

test.describe("[STAFF][SIGN_IN]", () => {
  test("the staff area sends a visitor to sign in, and back after signing in", async ({ page }) => {
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/signin\?redirectTo=%2Fstaff$/);
    await page.getByLabel("Email").fill(EDITOR.email);
    await page.getByLabel("Password").fill("wrong password for sure");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signin-error")).toHaveText(
      "That email and password do not match an active account.",
    );
    await expect(page.getByLabel("Email")).toHaveValue(EDITOR.email);
    await expect(page.getByLabel("Password")).toHaveValue("");
    await page.getByLabel("Password").fill(EDITOR.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/staff$/);
    await expect(page.getByTestId("staff-bar")).toContainText(`signed in as ${EDITOR.email.split("@")[0]} (editor)`);
  });

  test("a redirect off the site is ignored", async ({ page }) => {
    await page.goto("/signin?redirectTo=https://evil.example/");
    await page.getByLabel("Email").fill(EDITOR.email);
    await page.getByLabel("Password").fill(EDITOR.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/staff$/);
  });
});

test.describe("[STAFF][POST_UPDATE]", () => {
  test("an editor posts an update with evidence; the public pages show it at once", async ({ page }) => {
    const id = await commitmentIdByTitle(page, SECURITY);
    await signIn(page, EDITOR, `/staff/commitments/${id}`);
    await expect(page).toHaveURL(new RegExp(`/staff/commitments/${id}$`));
    await page.getByLabel("New status").selectOption("in_progress");
    await page.getByLabel("Progress (%)").fill("30");
    await page.getByLabel("Date it happened").fill("2026-11-20");
    await page.getByLabel("Note").fill("Joint working group on cybercrime met in Putrajaya.");
    await fillEvidence(page, {
      title: "Working group communiqué",
      url: "https://example.org/cyber-wg",
      publisher: "Wisma Putra",
      kind: "official",
    });
    await page.getByRole("button", { name: "Post status update" }).click();
    await expect(page.getByTestId("notice")).toContainText("Status update posted");

    await page.getByRole("link", { name: "See the public page" }).click();
    await expect(page).toHaveURL(new RegExp(`/commitments/${id}$`));
    await expect(page.locator(".status--large")).toHaveText("◐In progress");
    await expect(page.getByTestId("commitment-facts")).toContainText("30%");
    const entry = page.getByTestId("timeline-entry").first();
    await expect(entry).toContainText("20 Nov 2026");
    await expect(entry).toContainText("Joint working group on cybercrime met in Putrajaya.");
    await expect(entry.getByRole("link", { name: /Working group communiqué/ })).toHaveAttribute(
      "href",
      "https://example.org/cyber-wg",
    );

    await page.goto("/");
    const latest = page.getByTestId("latest-updates").getByRole("listitem").first();
    await expect(latest).toContainText(SECURITY);
    await expect(latest).toContainText("Joint working group on cybercrime met in Putrajaya.");
    // Browser back shows the new state too (no stale router cache).
    await page.goBack();
    await expect(page.locator(".status--large")).toHaveText("◐In progress");
  });

  test("works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const id = await commitmentIdByTitle(page, FTA_USE);
    await signIn(page, EDITOR, `/staff/commitments/${id}`);
    await page.getByLabel("New status").selectOption("not_started");
    await page.getByLabel("Progress (%)").fill("abc");
    await page.getByRole("button", { name: "Post status update" }).click();
    await expect(page.getByTestId("error-progress")).toHaveText("Enter a whole number from 0 to 100");
    await expect(page.getByTestId("error-evidence")).toHaveText("Add at least one evidence link for this status");
    await expect(page.getByLabel("Progress (%)")).toHaveValue("abc");
    await page.getByLabel("Progress (%)").fill("0");
    await fillEvidence(page, { title: "No digital chapter yet", url: "https://example.org/fta-text" });
    await page.getByRole("button", { name: "Post status update" }).click();
    await expect(page.getByTestId("notice")).toContainText("Status update posted");
    await page.goto(`/commitments/${id}`);
    await expect(page.locator(".status--large")).toHaveText("○Not started");
    await context.close();
  });
});

test.describe("[STAFF][BAD_INPUT]", () => {
  test("each bad field gets its own error, the rest of the form is kept, and nothing changes", async ({ page }) => {
    const id = await commitmentIdByTitle(page, DIGITAL);
    await signIn(page, EDITOR, `/staff/commitments/${id}`);
    const cases: [string, string][] = [
      ["150", "Enter a whole number from 0 to 100"],
      ["-10", "Enter a whole number from 0 to 100"],
      ["abc", "Enter a whole number from 0 to 100"],
    ];
    const form = page.getByTestId("status-update-form");
    for (const [attempt, [progress, message]] of cases.entries()) {
      await page.getByLabel("New status").selectOption("in_progress");
      await page.getByLabel("Progress (%)").fill(progress);
      await page.getByLabel("Note").fill(`Trying ${progress}`);
      await fillEvidence(page, { title: "Bad link", url: "javascript:alert(1)" });
      await page.getByLabel("Date it happened").fill("2999-01-01");
      await page.getByRole("button", { name: "Post status update" }).click();
      // Each answer remounts the form: wait for this one's, since the messages repeat.
      await expect(form).toHaveAttribute("data-attempt", String(attempt + 1));
      await expect(page.getByTestId("error-progress")).toHaveText(message);
      await expect(page.getByTestId("error-evidence.0.url")).toHaveText(
        "Use a web address starting with http:// or https://",
      );
      await expect(page.getByTestId("error-happenedOn")).toContainText("can't be in the future");
      await expect(page.getByLabel("Progress (%)")).toHaveValue(progress);
      await expect(page.getByLabel("Progress (%)")).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("Note")).toHaveValue(`Trying ${progress}`);
      await expect(page.getByLabel("Title (link 1)")).toHaveValue("Bad link");
      await page.waitForLoadState("networkidle");
    }
    await page.getByLabel("Note").fill("x".repeat(5001));
    await page.getByRole("button", { name: "Post status update" }).click();
    await expect(form).toHaveAttribute("data-attempt", String(cases.length + 1));
    await expect(page.getByTestId("error-note")).toHaveText("At most 5000 characters");

    await page.goto(`/commitments/${id}`);
    await expect(page.locator(".status--large")).toHaveText("?Not yet assessed");
    await expect(page.getByText("No status updates yet")).toBeVisible();
  });

  test("a note with markup is shown as text", async ({ page }) => {
    const id = await commitmentIdByTitle(page, EDUCATION);
    await signIn(page, EDITOR, `/staff/commitments/${id}`);
    await page
      .getByLabel("Note")
      .fill('<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>');
    await fillEvidence(page, { title: "<b>Bold?</b>", url: "https://example.org/edu" });
    await page.getByRole("button", { name: "Post status update" }).click();
    await expect(page.getByTestId("notice")).toBeVisible();
    await page.goto(`/commitments/${id}`);
    const entry = page.getByTestId("timeline-entry").first();
    await expect(entry).toContainText('<script>document.title="pwned"</script>');
    await expect(entry.getByRole("link", { name: /<b>Bold\?<\/b>/ })).toBeVisible();
    await expect(page).not.toHaveTitle("pwned");
  });
});

test.describe("[STAFF][CONFLICT]", () => {
  test("two editors on one commitment: the second is told it changed, and nothing is lost", async ({ browser }) => {
    const a = await browser.newContext();
    const b = await browser.newContext();
    const pageA = await a.newPage();
    const pageB = await b.newPage();
    const id = await commitmentIdByTitle(pageA, "Grow two-way tourism through a tourism MoU");
    await signIn(pageA, E2E_EDITORS[0], `/staff/commitments/${id}`);
    await signIn(pageB, E2E_EDITORS[1], `/staff/commitments/${id}`);

    await pageA.getByLabel("New status").selectOption("in_progress");
    await pageA.getByLabel("Note").fill("Tourism MoU confirmed signed.");
    await fillEvidence(pageA, { title: "Ministry release", url: "https://example.org/tourism-mou", kind: "official" });
    await pageB.getByLabel("New status").selectOption("stalled");
    await pageB.getByLabel("Note").fill("No tourism MoU found.");
    await fillEvidence(pageB, { title: "Search of MoU lists", url: "https://example.org/mou-list" });

    await pageA.getByRole("button", { name: "Post status update" }).click();
    await expect(pageA.getByTestId("notice")).toContainText("Status update posted");
    await pageB.getByRole("button", { name: "Post status update" }).click();
    await expect(pageB.getByTestId("form-error-conflict")).toContainText("This commitment changed since you opened it");
    // B sees the newer state and keeps what it typed.
    await expect(pageB.getByTestId("current-state")).toContainText("In progress");
    await expect(pageB.getByTestId("current-state")).toContainText("Tourism MoU confirmed signed.");
    await expect(pageB.getByLabel("Note")).toHaveValue("No tourism MoU found.");

    const publicPage = await a.newPage();
    await publicPage.goto(`/commitments/${id}`);
    await expect(publicPage.getByTestId("timeline-entry")).toHaveCount(1);
    await expect(publicPage.locator(".status--large")).toHaveText("◐In progress");

    // Having seen it, B can still post: its update is added after A's.
    await pageB.getByRole("button", { name: "Post status update" }).click();
    await expect(pageB.getByTestId("notice")).toContainText("Status update posted");
    await publicPage.reload();
    await expect(publicPage.getByTestId("timeline-entry")).toHaveCount(2);
    await expect(publicPage.getByTestId("timeline-entry").first()).toContainText("No tourism MoU found.");
    await a.close();
    await b.close();
  });

  test("a double submission creates one update", async ({ page }) => {
    const id = await commitmentIdByTitle(page, "Grow bilateral trade and investment");
    await page.goto(`/commitments/${id}`);
    const before = await page.getByTestId("timeline-entry").count();
    await signIn(page, EDITOR, `/staff/commitments/${id}`);
    await page.getByLabel("Note").fill("Trade figures for 2025 published.");
    await fillEvidence(page, { title: "Trade statistics", url: "https://example.org/trade-2025" });
    await page.getByTestId("status-update-form").evaluate((form: HTMLFormElement) => {
      form.requestSubmit();
      form.requestSubmit();
    });
    await expect(page.getByTestId("notice")).toContainText("Status update posted");
    await page.goto(`/commitments/${id}`);
    await expect(page.getByTestId("timeline-entry")).toHaveCount(before + 1);
  });
});

test.describe("[STAFF][EVIDENCE]", () => {
  test("an editor adds an evidence link, refused first for a javascript: address, then removes it", async ({
    page,
  }) => {
    const id = await commitmentIdByTitle(
      page,
      "Cooperate on carbon capture and storage, including cross-border CO₂ transport and storage",
    );
    await signIn(page, EDITOR, `/staff/commitments/${id}`);
    const form = page.getByTestId("add-evidence-form");
    await form.getByLabel("Title").fill("CCS pilot site chosen");
    await form.getByLabel("Web address").fill("  JAVASCRIPT:alert(1)");
    await form.getByRole("button", { name: "Add evidence link" }).click();
    await expect(page.getByTestId("error-add-url")).toHaveText("Use a web address starting with http:// or https://");
    await expect(form.getByLabel("Title")).toHaveValue("CCS pilot site chosen");
    await form.getByLabel("Web address").fill("https://example.org/ccs-pilot");
    await form.getByLabel("Kind").selectOption("document");
    await form.getByRole("button", { name: "Add evidence link" }).click();
    await expect(page.getByTestId("notice")).toContainText("Evidence link added.");

    await page.goto(`/commitments/${id}`);
    await expect(page.getByRole("link", { name: /CCS pilot site chosen/ })).toHaveAttribute(
      "href",
      "https://example.org/ccs-pilot",
    );

    await page.goto(`/staff/commitments/${id}`);
    await page.getByRole("button", { name: "Remove “CCS pilot site chosen”" }).click();
    await expect(page.getByTestId("notice")).toContainText("Evidence link removed.");
    await page.goto(`/commitments/${id}`);
    await expect(page.getByRole("link", { name: /CCS pilot site chosen/ })).toHaveCount(0);
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, EDITOR);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/signin/);
  });
});
