import { type BrowserContext, expect, type Page, test } from "@playwright/test";

import { E2E_ADMIN, E2E_EDITORS } from "../support/e2e-accounts";
import { signIn } from "./helpers";

// Its own client address (the e2e server trusts X-Forwarded-For), so sign-in throttling of
// 127.0.0.1 by other specs cannot get in the way.
const ADDRESS = "198.51.100.90";

const PUBLIC_PAGES = [
  "/",
  "/commitments",
  "/commitments?status=in_progress&sort=target",
  "/deadlines",
  "/compare",
  "/agreements/kr-my-strategic-partnership-2024",
  "/commitments/1",
  "/commitments/99999",
];

function scriptSrc(policy: string | undefined): string {
  const directive = (policy ?? "")
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src "));
  expect(directive, `a script-src in ${policy}`).toBeTruthy();
  return directive as string;
}

/** Console errors (a CSP violation is one) and `securitypolicyviolation` events of a page. */
async function watch(context: BrowserContext, page: Page) {
  const problems: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  page.on("console", (message) => {
    // The 404 page is one on purpose: the browser reports its own status.
    if (message.type() !== "error" || /status of 404 \(Not Found\)/.test(message.text())) return;
    problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return problems;
}

test.describe("[SECURITY][CSP]", () => {
  test("public pages allow no inline script but Next's own, by hash, and still run their scripts", async ({
    browser,
  }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = await watch(context, page);
    for (const path of PUBLIC_PAGES) {
      const first = await page.goto(path);
      const policy = first?.headers()["content-security-policy"];
      const script = scriptSrc(policy);
      expect(script, path).not.toContain("'unsafe-inline'");
      expect(script, path).not.toContain("'unsafe-eval'");
      expect(script, path).not.toContain("'nonce-");
      expect(script, path).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/]{43}=')+$/);
      // One policy per response (a second one would be enforced as well).
      expect(first?.headers()["content-security-policy"]?.split("default-src").length, path).toBe(2);
      // The cached copy carries the same policy (the hashes are over the decoded page, whatever its encoding).
      await page.request.get(path);
      const again = await page.request.get(path);
      expect(again.headers()["x-cache"], path).toBe("HIT");
      expect(again.headers()["content-security-policy"], path).toBe(policy);
    }

    // The pages' scripts run: React takes over, and a link opens the next page without a reload.
    await page.goto("/");
    await page.evaluate(() => Object.assign(window, { __samePage: true }));
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Commitments" }).click();
    await expect(page).toHaveURL(/\/commitments$/);
    await expect(page.getByRole("heading", { level: 1, name: "Commitments" })).toBeVisible();
    expect(await page.evaluate(() => (window as { __samePage?: boolean }).__samePage)).toBe(true);
    await page.getByRole("link", { name: "Deadlines", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Deadlines" })).toBeVisible();
    expect(await page.evaluate(() => (window as { __samePage?: boolean }).__samePage)).toBe(true);

    expect(problems).toEqual([]);
    await context.close();
  });

  test("signed-in pages carry a fresh nonce per request and no 'unsafe-inline'; their forms still work", async ({
    browser,
  }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": ADDRESS } });
    const page = await context.newPage();
    const problems = await watch(context, page);

    const nonces: string[] = [];
    const expectNoncePolicy = async (path: string) => {
      const response = await page.goto(path);
      const policy = response?.headers()["content-security-policy"];
      const script = scriptSrc(policy);
      expect(script, path).not.toContain("'unsafe-inline'");
      expect(script, path).not.toContain("'sha256-");
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(script)?.[1];
      expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(policy?.split("default-src").length, path).toBe(2);
      // Next put that nonce on every script of the page.
      const scripts = await page
        .locator("script")
        .evaluateAll((elements) => elements.map((e) => (e as HTMLScriptElement).nonce));
      expect(scripts.length, path).toBeGreaterThan(0);
      expect(new Set(scripts), path).toEqual(new Set([nonce]));
      expect(response?.headers()["x-cache"], path).toBeUndefined();
      nonces.push(nonce as string);
    };

    await expectNoncePolicy("/signin");
    await expectNoncePolicy("/signin");
    // The sign-in form answers in place, without a reload (its script runs): a wrong password shows the error.
    await page.evaluate(() => Object.assign(window, { __samePage: true }));
    await page.getByLabel("Email").fill(E2E_EDITORS[0].email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signin-error")).toHaveText(
      "That email and password do not match an active account.",
    );
    expect(await page.evaluate(() => (window as { __samePage?: boolean }).__samePage)).toBe(true);

    await signIn(page, E2E_ADMIN, "/staff");
    await expectNoncePolicy("/staff");
    await expectNoncePolicy("/staff");
    await expectNoncePolicy("/admin/users");
    await expectNoncePolicy("/admin/audit");
    expect(new Set(nonces).size).toBe(nonces.length);

    // Client-side navigation inside the signed-in area works under the nonce policy.
    await page.goto("/staff");
    await page.evaluate(() => Object.assign(window, { __samePage: true }));
    await page.getByTestId("staff-commitment").first().getByRole("link").click();
    await expect(page).toHaveURL(/\/staff\/commitments\/\d+$/);
    await expect(page.getByRole("button", { name: "Post status update" })).toBeVisible();
    expect(await page.evaluate(() => (window as { __samePage?: boolean }).__samePage)).toBe(true);

    // A client cannot choose the nonce: a CSP request header is ignored.
    const forged = await page.request.get("/signin", {
      headers: { "Content-Security-Policy": "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA=='" },
    });
    expect(forged.headers()["content-security-policy"]).not.toContain("AAAAAAAAAAAAAAAAAAAAAA==");
    const publicForged = await page.request.get("/deadlines?forged=1", {
      headers: { "Content-Security-Policy": "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA=='" },
    });
    expect(await publicForged.text()).not.toContain("AAAAAAAAAAAAAAAAAAAAAA==");

    expect(problems).toEqual([]);
    await context.close();
  });
});
