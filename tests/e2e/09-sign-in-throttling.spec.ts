import { expect, type Browser, test } from "@playwright/test";

import { E2E_ADMIN, E2E_EDITORS } from "../support/e2e-accounts";
import { signIn } from "./helpers";

// The e2e server trusts a proxy (TRUST_PROXY=1): the last X-Forwarded-For hop is the client's address.
const STRANGER = "203.0.113.50";
const OWNER = "198.51.100.50";
const ADMIN_DESK = "198.51.100.51";
const EDITOR = E2E_EDITORS[1];

async function pageFrom(browser: Browser, address: string) {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": address } });
  return { context, page: await context.newPage() };
}

test.describe("[SECURITY][SIGN_IN_THROTTLING]", () => {
  test("a stranger who locks an editor's email is refused; the editor still signs in from their own address", async ({
    browser,
  }) => {
    const stranger = await pageFrom(browser, STRANGER);
    await stranger.page.goto("/signin");
    for (let i = 0; i < 5; i++) {
      await stranger.page.getByLabel("Email").fill(EDITOR.email);
      await stranger.page.getByLabel("Password").fill(`a guess, number ${i}`);
      await stranger.page.getByRole("button", { name: "Sign in" }).click();
      await expect(stranger.page.getByTestId("signin-error")).toHaveText(
        "That email and password do not match an active account.",
      );
      // The next attempt starts from a cleared error, so each answer is seen.
      await stranger.page.goto("/signin");
    }
    await stranger.page.getByLabel("Email").fill(EDITOR.email);
    await stranger.page.getByLabel("Password").fill(EDITOR.password);
    await stranger.page.getByRole("button", { name: "Sign in" }).click();
    await expect(stranger.page.getByTestId("signin-error")).toHaveText(
      "Too many failed attempts for this email. Try again in 15 minutes.",
    );

    const owner = await pageFrom(browser, OWNER);
    await signIn(owner.page, EDITOR);
    await expect(owner.page.getByTestId("staff-bar")).toContainText("editor2 (editor)");

    // The audit log keeps each attempt with the address it came from.
    const admin = await pageFrom(browser, ADMIN_DESK);
    await signIn(admin.page, E2E_ADMIN, "/admin/audit?entity=sign_in");
    const rows = admin.page.getByTestId("audit-row").filter({ hasText: EDITOR.email });
    await expect(rows.filter({ hasText: "user.sign_in_failed" }).filter({ hasText: `from ${STRANGER}` })).toHaveCount(
      5,
    );
    await expect(
      rows.filter({ hasText: "user.sign_in_throttled" }).filter({ hasText: `from ${STRANGER}` }),
    ).toHaveCount(1);
    await expect(
      rows.filter({ has: admin.page.getByText("user.sign_in", { exact: true }) }).filter({ hasText: `from ${OWNER}` }),
    ).toHaveCount(1);
    for (const { context } of [stranger, owner, admin]) await context.close();
  });
});
