/**
 * Issue 4, "Freshness and speed": public surfaces are served from the response cache, and a status
 * update shows on every one of them (pages, API, CSV, feeds, badge) on the first request after it.
 */
import http from "node:http";

import { type APIRequestContext, expect, test } from "@playwright/test";

import { E2E_ADMIN, E2E_EDITORS } from "../support/e2e-accounts";
import { commitmentIdByTitle, fillEvidence, signIn } from "./helpers";

const SLUG = "kr-my-strategic-partnership-2024";
const TITLE = "Cooperate under Article 6.2 of the Paris Agreement";
const NOTE = "Article 6.2 talks paused until the carbon-credit registry is ready (freshness check).";

interface Surface {
  name: string;
  path: string;
  /** Whether the body shows the new status update. */
  showsUpdate: (body: string) => boolean;
}

function surfaces(id: number): Surface[] {
  const stalledRow = new RegExp(`href="/commitments/${id}">[^<]*</a>(?:(?!</tr>).)*data-status="stalled"`, "s");
  return [
    { name: "commitment page", path: `/commitments/${id}`, showsUpdate: (b) => b.includes(NOTE) },
    { name: "home page", path: "/", showsUpdate: (b) => b.includes(NOTE) },
    { name: "agreement page", path: `/agreements/${SLUG}`, showsUpdate: (b) => stalledRow.test(b) },
    {
      name: "filtered list",
      path: "/commitments?status=stalled",
      showsUpdate: (b) => b.includes(`href="/commitments/${id}"`),
    },
    {
      name: "API commitment",
      path: `/api/v1/commitments/${id}`,
      showsUpdate: (b) => (JSON.parse(b) as { status: string }).status === "stalled",
    },
    {
      name: "API list",
      path: "/api/v1/commitments?status=stalled",
      showsUpdate: (b) => (JSON.parse(b) as { data: { id: number }[] }).data.some((c) => c.id === id),
    },
    {
      name: "CSV",
      path: "/commitments.csv?status=stalled",
      showsUpdate: (b) => b.split("\r\n").some((line) => line.startsWith(`${id},`)),
    },
    { name: "Atom feed of all updates", path: "/feed.xml", showsUpdate: (b) => b.includes(NOTE) },
    { name: "commitment feed", path: `/commitments/${id}/feed.xml`, showsUpdate: (b) => b.includes(NOTE) },
    { name: "badge", path: `/badge/commitments/${id}.svg`, showsUpdate: (b) => b.includes(": Stalled") },
  ];
}

async function fetchSurface(request: APIRequestContext, surface: Surface) {
  const response = await request.get(surface.path);
  expect(response.status(), surface.name).toBe(200);
  return { cache: response.headers()["x-cache"], body: await response.text() };
}

test("[FRESHNESS] public surfaces come from the cache and show a status update on the next request", async ({
  page,
  request,
}) => {
  const id = await commitmentIdByTitle(page, TITLE);
  const all = surfaces(id);

  // Warm: the second request of each surface is answered from the cache and shows the old state.
  for (const surface of all) {
    await fetchSurface(request, surface);
    const warm = await fetchSurface(request, surface);
    expect(warm.cache, `${surface.name} before the update`).toBe("HIT");
    expect(surface.showsUpdate(warm.body), `${surface.name} before the update`).toBe(false);
  }

  await signIn(page, E2E_EDITORS[0], `/staff/commitments/${id}`);
  await page.getByLabel("New status").selectOption("stalled");
  await page.getByLabel("Date it happened").fill("2026-11-21");
  await page.getByLabel("Note").fill(NOTE);
  await fillEvidence(page, { title: "Registry delay notice", url: "https://example.org/a62-registry" });
  await page.getByRole("button", { name: "Post status update" }).click();
  await expect(page.getByTestId("notice")).toContainText("Status update posted");

  // The very next request of every surface renders afresh and shows the update; the one after is cached again.
  for (const surface of all) {
    const fresh = await fetchSurface(request, surface);
    expect(fresh.cache, `${surface.name} after the update`).toBe("MISS");
    expect(surface.showsUpdate(fresh.body), `${surface.name} after the update`).toBe(true);
    const again = await fetchSurface(request, surface);
    expect(again.cache, `${surface.name} after the update`).toBe("HIT");
    expect(again.body).toBe(fresh.body);
  }
});

test("[FRESHNESS] signed-in pages are never cached, even behind a path with ../ in it", async ({ page, baseURL }) => {
  await signIn(page, E2E_ADMIN, "/admin/users");
  for (const path of ["/staff", "/signin", "/admin/users"]) {
    const response = await page.request.get(path);
    expect(response.headers()["x-cache"], path).toBeUndefined();
  }
  // Browsers remove "../" before sending; a hand-made request keeps it, and Next normalises it to /admin.
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  for (const path of ["/agreements/../admin/users", "/commitments/%2e%2e/admin/users", "/api/v1/../../admin/users"]) {
    const signedIn = await rawGet(baseURL ?? "", path, { cookie });
    expect(signedIn.cache, path).toBeUndefined();
    const anonymous = await rawGet(baseURL ?? "", path, {});
    expect(anonymous.cache, path).toBeUndefined();
    expect(anonymous.body, path).not.toContain(E2E_ADMIN.email);
  }
});

/** A GET with the path sent exactly as given (no URL normalisation). */
function rawGet(base: string, path: string, headers: Record<string, string>) {
  const { hostname, port } = new URL(base);
  return new Promise<{ status: number; cache: string | undefined; body: string }>((resolve, reject) => {
    http
      .get({ hostname, port, path, headers }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, cache: response.headers["x-cache"] as string | undefined, body }),
        );
      })
      .on("error", reject);
  });
}
