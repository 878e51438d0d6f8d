import { expect, test } from "@playwright/test";

import { E2E_ADMIN } from "../support/e2e-accounts";
import { commitmentIdByTitle, fillEvidence, signIn } from "./helpers";

test.describe("[ADMIN][USERS]", () => {
  test("an admin creates an editor, then disables them: the editor's open session stops working", async ({
    browser,
  }) => {
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, E2E_ADMIN, "/admin/users");
    await expect(admin).toHaveURL(/\/admin\/users$/);

    // Bad input first: each field names its problem, the password is not sent back.
    await admin.getByLabel("Email", { exact: true }).fill("not an email");
    await admin.getByLabel("First password").fill("short");
    await admin.getByRole("button", { name: "Create user" }).click();
    await expect(admin.getByTestId("error-new-email")).toHaveText("Enter an email address such as name@example.org");
    await expect(admin.getByTestId("error-new-password")).toHaveText("Use at least 12 characters");
    await expect(admin.getByLabel("First password")).toHaveValue("");

    await admin.getByLabel("Email", { exact: true }).fill("temp.editor@e2e.test");
    await admin.getByLabel("Name").fill("Temporary Editor");
    await admin.getByLabel("First password").fill("temporary editor password");
    await admin.getByRole("button", { name: "Create user" }).click();
    await expect(admin.getByTestId("notice")).toHaveText("User created.");
    // Messages belong to the latest submission: a later refusal hides the earlier success...
    await admin.getByLabel("Email", { exact: true }).fill("still not an email");
    await admin.getByRole("button", { name: "Create user" }).click();
    await expect(admin.getByTestId("error-new-email")).toBeVisible();
    await expect(admin.getByTestId("notice")).toBeHidden();
    // ...and no Disable button is offered on your own account (the verb refuses it too).
    const own = admin.getByTestId(`user-controls-${E2E_ADMIN.email}`);
    await expect(own.getByRole("button", { name: /^Set role/ })).toBeVisible();
    await expect(own.getByRole("button", { name: /^Disable/ })).toHaveCount(0);

    const editorContext = await browser.newContext();
    const editor = await editorContext.newPage();
    const id = await commitmentIdByTitle(editor, "Cooperate on critical-mineral supply chains");
    await signIn(
      editor,
      { email: "temp.editor@e2e.test", password: "temporary editor password" },
      `/staff/commitments/${id}`,
    );
    await editor.getByLabel("Note").fill("Joint supply-chain study launched.");
    await fillEvidence(editor, { title: "Study announcement", url: "https://example.org/minerals-study" });

    await admin
      .getByTestId("user-controls-temp.editor@e2e.test")
      .getByRole("button", { name: /^Disable/ })
      .click();
    await expect(admin.getByTestId("notice")).toContainText("User disabled");
    // ...and a later success clears the earlier refusal.
    await expect(admin.getByTestId("notice")).toBeVisible();
    await expect(admin.getByTestId("create-user-form").getByTestId("form-error-invalid")).toHaveCount(0);
    await expect(admin.getByTestId("error-new-email")).toHaveCount(0);

    // The editor's form was opened before; posting now is refused and nothing is written.
    await editor.getByRole("button", { name: "Post status update" }).click();
    await expect(editor.getByTestId("form-error-unauthenticated")).toContainText("Sign in to do this.");
    await editor.goto(`/commitments/${id}`);
    await expect(editor.getByText("Joint supply-chain study launched.")).toHaveCount(0);
    // And the staff area no longer opens for them.
    await editor.goto("/staff");
    await expect(editor).toHaveURL(/\/signin/);

    // The audit log shows the change, filterable by entity and actor.
    await admin.goto("/admin/audit");
    await admin.getByLabel("Entity").selectOption("user");
    await admin.getByLabel("Actor").selectOption({ label: E2E_ADMIN.email });
    await admin.getByRole("button", { name: "Filter" }).click();
    const rows = admin.getByTestId("audit-row");
    await expect(rows.first()).toContainText("user.disable");
    await expect(rows.first()).toContainText("temp.editor@e2e.test");
    await expect(rows.filter({ hasText: "user.create" })).toHaveCount(1);
    await admin.getByLabel("Entity").selectOption("agreement");
    await admin.getByLabel("Actor").selectOption({ label: "Nobody signed in / the system" });
    await admin.getByRole("button", { name: "Filter" }).click();
    await expect(admin.getByTestId("audit-count")).toContainText("1 entry");
    await expect(admin.getByTestId("audit-row")).toContainText("dataset.load");
    await adminContext.close();
    await editorContext.close();
  });

  test("an editor cannot use the admin area", async ({ page }) => {
    await signIn(page, { email: "editor@e2e.test", password: "correct horse battery staple" }, "/admin/users");
    await expect(page.getByTestId("forbidden")).toContainText("Admins only");
    await expect(page.getByTestId("user-row")).toHaveCount(0);
    // The answer is a 403 with the same friendly page (proxy.ts), on /admin and the pages under it,
    // with the nonce policy of the staff pages.
    for (const path of ["/admin", "/admin/users", "/admin/agreements/1", "/admin/agreements/new"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      expect(response?.headers()["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[^']+'/);
      await expect(page.getByTestId("forbidden")).toContainText("Admins only");
      await expect(page.getByTestId("forbidden")).toContainText("Your account (editor) cannot use the admin area");
      await expect(page.getByTestId("staff-bar")).toContainText("signed in as");
    }
    // The staff area is unchanged for an editor.
    expect((await page.goto("/staff"))?.status()).toBe(200);
  });

  test("an admin gets the admin pages with 200; signed out, they lead to sign-in", async ({ page }) => {
    expect((await page.goto("/admin/users"))?.url()).toContain("/signin?redirectTo=%2Fadmin%2Fusers");
    await signIn(page, E2E_ADMIN, "/admin");
    for (const path of ["/admin", "/admin/users", "/admin/agreements/1"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByTestId("forbidden"), path).toHaveCount(0);
    }
  });
});

test.describe("[SECURITY][HEADERS]", () => {
  test("pages send the security headers, and the session cookie is httpOnly and SameSite=Lax", async ({
    page,
    context,
  }) => {
    const response = await page.goto("/");
    const headers = response?.headers() ?? {};
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    await signIn(page, { email: "editor@e2e.test", password: "correct horse battery staple" });
    const session = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
  });
});
