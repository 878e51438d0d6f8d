import { expect, type Page } from "@playwright/test";

/** Sign in through the form and wait for the staff area. */
export async function signIn(page: Page, account: { email: string; password: string }, path = "/staff") {
  await page.goto(`/signin?redirectTo=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("staff-bar")).toBeVisible();
}

/** The id of the commitment whose public title is `title`, read from the agreement page. */
export async function commitmentIdByTitle(page: Page, title: string): Promise<number> {
  await page.goto("/agreements/kr-my-strategic-partnership-2024");
  const href = await page.getByRole("link", { name: title, exact: true }).getAttribute("href");
  const id = Number(href?.split("/").pop());
  expect(id).toBeGreaterThan(0);
  return id;
}

/** Fill the first evidence row of the status update form. */
export async function fillEvidence(
  page: Page,
  row: { title: string; url: string; publisher?: string; kind?: string },
  index = 0,
) {
  const n = index + 1;
  await page.getByLabel(`Title (link ${n})`).fill(row.title);
  await page.getByLabel(`Web address (link ${n})`).fill(row.url);
  if (row.publisher) await page.getByLabel(`Publisher (link ${n})`).fill(row.publisher);
  if (row.kind) await page.getByLabel(`Kind (link ${n})`).selectOption(row.kind);
}
